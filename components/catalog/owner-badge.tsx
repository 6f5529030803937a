import { Badge, type Tone } from "@/components/ui/badge";

type Owned = { visibility: "personal" | "team" | "global"; teamName: string | null; ownerName: string };

const TONE: Record<Owned["visibility"], Tone> = { personal: "amber", team: "sky", global: "emerald" };
const TITLE: Record<Owned["visibility"], string> = {
  personal: "Only its owner sees it",
  team: "The team's members see it",
  global: "Everyone on this instance sees it",
};

/** Who owns a catalog entry and who sees it: "Team · Platform", "Personal · Alice Park", "Global". */
export function OwnerBadge({ owner }: { owner: Owned }) {
  const label =
    owner.visibility === "team" ? `Team · ${owner.teamName ?? "?"}` : owner.visibility === "personal" ? `Personal · ${owner.ownerName}` : owner.teamName ? `Global · ${owner.teamName}` : "Global";
  return (
    <span data-testid="owner-badge" data-visibility={owner.visibility}>
      <Badge tone={TONE[owner.visibility]} title={TITLE[owner.visibility]}>
        {label}
      </Badge>
    </span>
  );
}
