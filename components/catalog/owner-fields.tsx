"use client";
import { Select } from "@/components/ui/select";
import type { Visibility } from "./agent-draft";

export type OwnerChoice = {
  /** Teams in which the actor may add workflows (and so agents and policies). */
  teams: { id: string; name: string }[];
  canGlobal: boolean;
};

/**
 * Who can see (and use) a new agent or policy: the same choices as a new workflow. A team's workflows
 * can use only their own team's agents or global ones, which the hint says up front.
 */
export function OwnerFields({
  visibility,
  teamId,
  onChange,
  choice,
  errors,
  noun,
}: {
  visibility: Visibility;
  teamId: string;
  onChange: (next: { visibility: Visibility; teamId: string }) => void;
  choice: OwnerChoice;
  errors: { visibility?: string[]; teamId?: string[] };
  noun: "agent" | "policy";
}) {
  const { teams, canGlobal } = choice;
  return (
    <div className="grid gap-4 sm:grid-cols-2">
      <Select
        label="Who can see it"
        value={visibility}
        onChange={(e) => onChange({ visibility: e.target.value as Visibility, teamId: teamId || teams[0]?.id || "" })}
        error={errors.visibility}
        hint={
          noun === "agent"
            ? "A team's workflows can use their team's agents and global ones; a personal agent serves only your personal workflows."
            : "A policy applies to the workflows of its team (or, personal, to yours); a global one to every workflow."
        }
      >
        <option value="personal">Only me (personal)</option>
        <option value="team" disabled={teams.length === 0}>
          A team I belong to
        </option>
        {canGlobal ? <option value="global">Everyone on this instance (global)</option> : null}
      </Select>
      {visibility !== "personal" ? (
        <Select label="Team" value={teamId} onChange={(e) => onChange({ visibility, teamId: e.target.value })} error={errors.teamId}>
          {visibility === "global" ? <option value="">No team</option> : null}
          {teams.map((t) => (
            <option key={t.id} value={t.id}>
              {t.name}
            </option>
          ))}
        </Select>
      ) : null}
    </div>
  );
}
