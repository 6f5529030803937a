import { rmSync } from "node:fs";
import { afterAll, expect, it } from "vitest";
import { applyPatch } from "@/lib/agents/apply";
import { buildContext } from "@/lib/agents/context";
import { builtinEngine } from "@/lib/agents/engines/builtin";
import { goalTerms } from "@/lib/agents/terms";
import { gitIn, tempRepoRoot } from "@/lib/agents/testing";
import { ensureDemoRepository } from "./seed-repo";

const root = tempRepoRoot("tandem-demo-repo-");
afterAll(() => rmSync(root, { recursive: true, force: true }));

it("the demo repository is a clean git repository the builtin engine can plan and patch", async () => {
  const repo = ensureDemoRepository(root)!;
  expect(gitIn(repo, "status", "--porcelain")).toBe("");
  expect(gitIn(repo, "log", "--format=%s").trim()).toBe("Shop: prices, carts and discounts");
  expect(ensureDemoRepository(root)).toBe(repo);
  expect(gitIn(repo, "rev-list", "--count", "HEAD").trim()).toBe("1");

  const goal = "Rename priceOf to formatPrice";
  const bundle = await buildContext(repo, { terms: goalTerms(goal) });
  const result = await builtinEngine.plan({ goal, intent: "refactor", bundle });
  expect(result.patch).toContain("+export function formatPrice(cents: number): string {");
  const applied = await applyPatch(result.patch!, repo);
  expect(applied.files).toEqual(["src/cart.ts", "src/price.ts"]);
});
