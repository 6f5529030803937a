import type { StageKind } from "@/lib/workflows/definition";
import { STAGE_LABELS } from "./edits";
import { GearIcon, type IconProps, PersonIcon, SparkIcon } from "./icons";

/** How each stage type looks in the palette and on its node. */
export const STAGE_LOOK: Record<StageKind, { label: string; icon: React.ComponentType<IconProps>; chip: string; hint: string }> = {
  HUMAN: { label: STAGE_LABELS.HUMAN, icon: PersonIcon, chip: "bg-slate-200 text-slate-700", hint: "People move items by hand." },
  AUTOMATION: { label: STAGE_LABELS.AUTOMATION, icon: GearIcon, chip: "bg-sky-100 text-sky-700", hint: "A task graph runs on each item." },
  AGENT_ASSIST: { label: STAGE_LABELS.AGENT_ASSIST, icon: SparkIcon, chip: "bg-violet-100 text-violet-700", hint: "An agent proposes changes for review." },
};
