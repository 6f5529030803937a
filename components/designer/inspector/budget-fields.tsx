"use client";
import type { Budget } from "@/lib/engine/graph-schema";
import type { BudgetPatch } from "../edits";
import { NumberInput, Section } from "./fields";

type Limit = keyof Budget;

/** Bounds of `budgetSchema` (lib/engine/graph-schema.ts). */
const MAX_COST_USD = 1_000_000;
const MAX_TOKENS = 1_000_000_000;

/**
 * A spend limit on agent calls: a cost in dollars, a number of tokens, or both. Each field is optional;
 * emptying both leaves no budget (the edit turns it into null).
 */
export function BudgetFields({
  title,
  help,
  budget,
  errorOf,
  onChange,
}: {
  title: string;
  help: string;
  budget: Budget | null | undefined;
  errorOf: (limit: Limit) => string[] | undefined;
  onChange: (patch: BudgetPatch, limit: Limit) => void;
}) {
  return (
    <Section title={title}>
      <p className="-mt-1 text-xs text-slate-500">{help}</p>
      <div className="space-y-3">
        <NumberInput
          label="Max cost (USD)"
          value={budget?.maxCostUsd ?? null}
          optional
          whole={false}
          min={0}
          max={MAX_COST_USD}
          placeholder="No limit"
          rangeMessage="Enter dollars from 0 to 1,000,000, like 0.50; empty for no limit."
          error={errorOf("maxCostUsd")}
          onChange={(maxCostUsd) => onChange({ maxCostUsd }, "maxCostUsd")}
        />
        <NumberInput
          label="Max tokens"
          value={budget?.maxTokens ?? null}
          optional
          min={0}
          max={MAX_TOKENS}
          placeholder="No limit"
          rangeMessage="Enter a whole number of tokens, at most 1,000,000,000; empty for no limit."
          error={errorOf("maxTokens")}
          onChange={(maxTokens) => onChange({ maxTokens }, "maxTokens")}
        />
      </div>
    </Section>
  );
}
