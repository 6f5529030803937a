import { Badge, type Tone } from "@/components/ui/badge";
import type { StageType } from "@/lib/workflows/schemas";

const look: Record<StageType, { tone: Tone; label: string }> = {
  HUMAN: { tone: "slate", label: "Human" },
  AUTOMATION: { tone: "sky", label: "Automation" },
  AGENT_ASSIST: { tone: "violet", label: "Agent assist" },
};

export function StageTypeBadge({ type }: { type: StageType }) {
  return <Badge tone={look[type].tone}>{look[type].label}</Badge>;
}
