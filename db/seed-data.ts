import type { AgentConfig, GuardrailCheck } from "@/lib/agents/catalog/schemas";
import type { TaskGraph } from "@/lib/engine/graph-schema";
import type { WorkflowSettings } from "@/lib/workflows/definition";
import type { StageConfig, StageType } from "./schema";
import { mergeChecksGraph, preReviewGraph } from "./seed-graphs";
import { DEMO_REPO } from "./seed-repo";

/** Every demo account signs in with this password (shown on the sign-in page of a demo install). */
export const DEMO_PASSWORD = "tandem-demo";

export const demoUsers = [
  { key: "admin", email: "admin@tandem.local", name: "Ada Admin", isAdmin: true },
  { key: "alice", email: "alice@tandem.local", name: "Alice Park" },
  { key: "bob", email: "bob@tandem.local", name: "Bob Okafor" },
  { key: "carol", email: "carol@tandem.local", name: "Carol Diaz" },
  { key: "dan", email: "dan@tandem.local", name: "Dan Weber" },
] as const;
export type DemoUserKey = (typeof demoUsers)[number]["key"];

export const demoTeams = [
  {
    key: "platform",
    name: "Platform Engineering",
    members: [
      ["alice", "admin"],
      ["bob", "member"],
    ],
  },
  {
    key: "growth",
    name: "Growth Marketing",
    members: [
      ["carol", "admin"],
      ["dan", "member"],
    ],
  },
] as const;

type StageSeed = { name: string; type: StageType; config?: StageConfig; taskGraph?: TaskGraph; runTimeoutMs?: number };
export type WorkflowSeed = {
  key: string;
  name: string;
  description: string;
  owner: DemoUserKey;
  team?: (typeof demoTeams)[number]["key"];
  visibility: "personal" | "team" | "global";
  isTemplate?: boolean;
  templateOf?: string;
  stages: StageSeed[];
  settings?: Partial<WorkflowSettings>;
  items?: { count: number; titles: string[] };
};

const codeReviewStages: StageSeed[] = [
  { name: "Ready for review", type: "HUMAN" },
  {
    name: "Agent pre-review",
    type: "AGENT_ASSIST",
    config: {
      agentPrompt:
        "Read the diff against the base branch. List risky changes, missing tests and files touched without need. Propose small mechanical fixes only.",
      agentTargetPath: DEMO_REPO,
      agentModelHint: "builtin",
      agentAutoApply: false,
    },
    taskGraph: preReviewGraph,
    runTimeoutMs: 30 * 60_000,
  },
  { name: "Human review", type: "HUMAN", config: { wipLimit: 4 } },
  { name: "CI & merge checks", type: "AUTOMATION", taskGraph: mergeChecksGraph, runTimeoutMs: 2 * 3_600_000 },
  { name: "Merged", type: "HUMAN" },
];

export const demoWorkflows: WorkflowSeed[] = [
  {
    key: "tpl-code-review",
    name: "Code review with agent pre-review",
    description:
      "Pull requests get an agent pre-review (risks, missing tests, mechanical fixes) before a person reviews; CI gates the merge.",
    owner: "admin",
    visibility: "global",
    isTemplate: true,
    stages: codeReviewStages,
    settings: { maxConcurrentRuns: 10 },
  },
  {
    key: "tpl-incident",
    name: "Incident response",
    description:
      "Declare, triage by severity, mitigate, find the root cause with agent help, and close with a blameless postmortem.",
    owner: "admin",
    visibility: "global",
    isTemplate: true,
    stages: [
      { name: "Declared", type: "HUMAN" },
      { name: "Triage", type: "HUMAN", config: { wipLimit: 3 } },
      { name: "Mitigating", type: "HUMAN", config: { wipLimit: 2 } },
      {
        name: "Root cause analysis",
        type: "AGENT_ASSIST",
        config: {
          agentPrompt: "Correlate the incident timeline with recent deploys and diffs; propose likely causes ranked by evidence.",
          agentTargetPath: DEMO_REPO,
          agentAutoApply: false,
        },
      },
      { name: "Postmortem", type: "HUMAN" },
      { name: "Resolved", type: "HUMAN" },
    ],
  },
  {
    key: "tpl-content",
    name: "Content pipeline",
    description: "From idea to published piece: an agent drafts an outline, editors and legal review, publishing is scheduled.",
    owner: "admin",
    visibility: "global",
    isTemplate: true,
    stages: [
      { name: "Ideas", type: "HUMAN" },
      {
        name: "Outline & draft",
        type: "AGENT_ASSIST",
        config: { agentPrompt: "Draft an outline and a first draft in the house voice; cite sources.", agentTargetPath: "", agentAutoApply: false },
      },
      { name: "Editing", type: "HUMAN", config: { wipLimit: 3 } },
      { name: "Legal review", type: "HUMAN" },
      { name: "Scheduled", type: "AUTOMATION" },
      { name: "Published", type: "HUMAN" },
    ],
  },
  {
    key: "platform-code-review",
    name: "Platform code review",
    description: "Review queue for the platform services monorepo.",
    owner: "alice",
    team: "platform",
    visibility: "team",
    templateOf: "tpl-code-review",
    stages: codeReviewStages,
    settings: { maxConcurrentRuns: 10 },
    items: {
      count: 28,
      titles: [
        "Add retry budget to payment client",
        "Migrate session store to Redis cluster",
        "Fix N+1 query on team dashboard",
        "Bump TLS minimum to 1.2 on ingress",
        "Rate-limit password reset endpoint",
        "Remove dead feature flag checkout_v1",
        "Add index on orders(created_at)",
        "Split billing worker into two queues",
        "Tighten CSP for admin pages",
        "Upgrade postgres driver to 3.4",
        "Cache permission lookups per request",
        "Add structured logging to webhooks",
        "Make export job resumable",
        "Handle SIGTERM in the scheduler",
        "Paginate audit log API",
        "Replace moment with date-fns",
        "Add healthcheck for queue depth",
        "Fix flaky upload integration test",
        "Deduplicate webhook deliveries",
        "Encrypt API secrets at rest",
        "Add OpenTelemetry spans to checkout",
        "Drop unused columns from invoices",
        "Validate webhook signatures",
        "Shorten Docker image build",
        "Add canary stage to deploy pipeline",
        "Document on-call runbook links",
        "Lower p99 of search endpoint",
        "Clean up orphaned S3 uploads",
      ],
    },
  },
  {
    key: "growth-content",
    name: "Growth content calendar",
    description: "Blog posts, launch notes and newsletters for the quarter.",
    owner: "carol",
    team: "growth",
    visibility: "team",
    templateOf: "tpl-content",
    stages: [
      { name: "Ideas", type: "HUMAN" },
      {
        name: "Outline & draft",
        type: "AGENT_ASSIST",
        config: { agentPrompt: "Outline the piece from the brief in the item's description, then draft it in the house voice.", agentTargetPath: "", agentAutoApply: false },
      },
      { name: "Editing", type: "HUMAN", config: { wipLimit: 3 } },
      { name: "Published", type: "HUMAN" },
    ],
    items: {
      count: 8,
      titles: [
        "Launch post: agent-assisted reviews",
        "Newsletter: November roundup",
        "Case study: 40% faster incident triage",
        "Guide: writing good review prompts",
        "Webinar recap",
        "Pricing page refresh copy",
        "Changelog: board keyboard moves",
        "Customer quote collection",
      ],
    },
  },
  {
    key: "alice-personal",
    name: "Alice's on-call notes",
    description: "Follow-ups from my on-call weeks.",
    owner: "alice",
    visibility: "personal",
    stages: [
      { name: "To do", type: "HUMAN" },
      { name: "Doing", type: "HUMAN", config: { wipLimit: 2 } },
      { name: "Done", type: "HUMAN" },
    ],
    items: { count: 4, titles: ["Write up disk-pressure alert", "Tune queue-depth alert", "Retire old dashboard", "Ask DBA about vacuum"] },
  },
  {
    key: "carol-personal",
    name: "Carol's drafts",
    description: "Ideas not ready for the team yet.",
    owner: "carol",
    visibility: "personal",
    stages: [
      { name: "Someday", type: "HUMAN" },
      { name: "Writing", type: "HUMAN" },
      { name: "Shared", type: "HUMAN" },
    ],
    items: { count: 3, titles: ["Brand voice cheat sheet", "Podcast pitch", "Q1 campaign themes"] },
  },
];

type TeamKey = (typeof demoTeams)[number]["key"];

/** Catalog agents of the demo teams, each optionally bound to a role of a seeded workflow. */
export const demoAgents: {
  key: string;
  name: string;
  description: string;
  owner: DemoUserKey;
  team: TeamKey;
  capabilities: string[];
  config: AgentConfig;
  bind?: { workflow: string; role: string };
}[] = [
  {
    key: "platform-code-reviewer",
    name: "Code reviewer",
    description: "Reads the diff and lists risks, missing tests and needless changes. The builtin planner: offline, no model needed.",
    owner: "alice",
    team: "platform",
    capabilities: ["code.review"],
    config: { kind: "builtin" },
    bind: { workflow: "platform-code-review", role: "reviewer" },
  },
];

/** Guardrail policies of the demo teams, by tag. */
export const demoPolicies: { key: string; tag: string; description: string; owner: DemoUserKey; team: TeamKey; checks: GuardrailCheck[] }[] = [
  {
    key: "platform-safe-patch",
    tag: "safe-patch",
    description: "Agent patches stay in src/ and test/, and stay small enough to review.",
    owner: "alice",
    team: "platform",
    checks: [
      { kind: "path_allowlist", paths: ["src/**", "test/**"], action: "block" },
      { kind: "patch_size", maxLines: 400, maxFiles: 50, action: "flag" },
    ],
  },
];
