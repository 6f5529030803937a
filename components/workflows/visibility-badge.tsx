import type { Visibility } from "@/lib/workflows/schemas";
import { Badge, type Tone } from "@/components/ui/badge";

const look: Record<Visibility, { tone: Tone; label: string; title: string }> = {
  personal: { tone: "amber", label: "Personal", title: "Only the owner can see this workflow" },
  team: { tone: "sky", label: "Team", title: "Members of the owning team can see this workflow" },
  global: { tone: "emerald", label: "Global", title: "Everyone on this Tandem instance can see this workflow" },
};

export function VisibilityBadge({ visibility, teamName }: { visibility: Visibility; teamName?: string | null }) {
  const l = look[visibility];
  return (
    <span data-testid="visibility-badge" data-visibility={visibility}>
      <Badge tone={l.tone} title={l.title}>
        {visibility === "team" && teamName ? `Team · ${teamName}` : l.label}
      </Badge>
    </span>
  );
}
