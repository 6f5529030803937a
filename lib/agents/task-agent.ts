/**
 * The agent a task-graph `agent` task calls. Until the orchestrator lands, the builtin engine is offline
 * and deterministic: it does not write text, it reports what it was asked and what it received, so a
 * graph can be built and run end to end, and says so in its output.
 */

export type AgentTaskRequest = { role: string; prompt?: string; modelHint?: string; input: unknown };

export type AgentTaskResult = {
  engine: "builtin";
  role: string;
  prompt: string;
  summary: string;
  input: unknown;
  note: string;
};

const describe = (input: unknown): string => {
  if (input === null || input === undefined) return "no input";
  if (Array.isArray(input)) return `a list of ${input.length} entries`;
  if (typeof input === "object") {
    const keys = Object.keys(input);
    return keys.length ? `the fields ${keys.join(", ")}` : "an empty object";
  }
  return `a ${typeof input} value`;
};

/** Runs an agent task on the builtin engine. */
export async function runAgentTask(req: AgentTaskRequest): Promise<AgentTaskResult> {
  const prompt = (req.prompt ?? "").trim();
  return {
    engine: "builtin",
    role: req.role,
    prompt,
    summary: `${req.role || "Agent"} received ${describe(req.input)}${prompt ? ` for: ${prompt.split("\n")[0]!.slice(0, 200)}` : ""}.`,
    input: req.input,
    note: "The builtin engine runs offline: it records the request and passes the input on. Configure a model to have it answered.",
  };
}
