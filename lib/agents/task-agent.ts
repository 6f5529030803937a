/**
 * The agent a task-graph `agent` task calls. Until the orchestrator lands, the builtin engine is offline
 * and deterministic: it does not write text, it reports what it was asked and what it received, so a
 * graph can be built and run end to end, and says so in its output.
 */

export type AgentTaskRequest = { role: string; prompt?: string; modelHint?: string; input: unknown; outputSchema?: Record<string, unknown> | null };

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

const isObject = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === "object" && !Array.isArray(v);

/**
 * A value of the shape `schema` declares, built from neutral placeholders (the summary for text, the first
 * allowed value of an enum, 0, false, empty lists), so a graph that expects a shape can run offline.
 */
export function placeholderFor(schema: unknown, summary: string): unknown {
  if (!isObject(schema)) return summary;
  if (Array.isArray(schema.enum) && schema.enum.length) return schema.enum[0];
  if ("const" in schema) return schema.const;
  const type = Array.isArray(schema.type) ? schema.type[0] : schema.type;
  switch (type) {
    case "string":
      return summary;
    case "number":
    case "integer":
      return typeof schema.minimum === "number" ? schema.minimum : 0;
    case "boolean":
      return false;
    case "array":
      return [];
    case "null":
      return null;
    default: {
      const props = isObject(schema.properties) ? schema.properties : {};
      return Object.fromEntries(Object.entries(props).map(([k, v]) => [k, placeholderFor(v, summary)]));
    }
  }
}

/** Runs an agent task on the builtin engine; with an output schema, the answer has that shape. */
export async function runAgentTask(req: AgentTaskRequest): Promise<AgentTaskResult | Record<string, unknown>> {
  const prompt = (req.prompt ?? "").trim();
  const result: AgentTaskResult = {
    engine: "builtin",
    role: req.role,
    prompt,
    summary: `${req.role || "Agent"} received ${describe(req.input)}${prompt ? ` for: ${prompt.split("\n")[0]!.slice(0, 200)}` : ""}.`,
    input: req.input,
    note: "The builtin engine runs offline: it records the request and passes the input on. Configure a model to have it answered.",
  };
  if (!isObject(req.outputSchema) || !isObject(req.outputSchema.properties)) return result;
  const shaped = placeholderFor(req.outputSchema, result.summary) as Record<string, unknown>;
  // Where the schema lets other fields through, say plainly which engine answered and how.
  return req.outputSchema.additionalProperties === false ? shaped : { ...shaped, engine: result.engine, note: result.note };
}
