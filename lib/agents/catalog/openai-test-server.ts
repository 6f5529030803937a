import { createServer, type IncomingHttpHeaders, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

/**
 * A loopback server speaking OpenAI's chat-completions protocol (non-streaming), scripted per request,
 * for tests of code that calls a model. Not used by the application.
 */

/** What the SDK sent: the parsed JSON body of one `POST /v1/chat/completions`. */
export type ChatRequestBody = {
  model: string;
  messages: { role: string; content?: unknown; tool_calls?: { id: string; type: string; function: { name: string; arguments: string } }[]; tool_call_id?: string }[];
  tools?: { type: "function"; function: { name: string; description?: string; parameters?: unknown } }[];
  temperature?: number;
  [key: string]: unknown;
};

/** How the server answers one request. `raw` is sent as the body verbatim; a `status` other than 200 sends `content` as the error message. */
export type ScriptedReply = {
  content?: string;
  /** `args` as a string is sent as the arguments verbatim (to fake a model writing broken JSON). */
  toolCalls?: { id?: string; name: string; args: unknown }[];
  /** Left out, the response carries no usage at all (as some servers do). */
  usage?: { prompt_tokens: number; completion_tokens: number };
  status?: number;
  delayMs?: number;
  raw?: string;
};

export type Script = (body: ChatRequestBody, callIndex: number) => ScriptedReply | Promise<ScriptedReply>;

export type OpenAiServer = {
  /** `http://127.0.0.1:<port>/v1` */
  baseUrl: string;
  /** The bodies received, in order. */
  requests: ChatRequestBody[];
  /** The headers of each request, in the same order. */
  headers: IncomingHttpHeaders[];
  close(): Promise<void>;
};

function completion(reply: ScriptedReply, callIndex: number) {
  const toolCalls = (reply.toolCalls ?? []).map((call, i) => ({
    id: call.id ?? `call_${callIndex}_${i}`,
    type: "function" as const,
    function: { name: call.name, arguments: typeof call.args === "string" ? call.args : JSON.stringify(call.args ?? {}) },
  }));
  const message = {
    role: "assistant",
    content: reply.content ?? (toolCalls.length ? null : ""),
    ...(toolCalls.length ? { tool_calls: toolCalls } : {}),
  };
  return {
    id: `chatcmpl-${callIndex}`,
    object: "chat.completion",
    created: 1_700_000_000,
    model: "test-model",
    choices: [{ index: 0, message, finish_reason: toolCalls.length ? "tool_calls" : "stop" }],
    ...(reply.usage ? { usage: { ...reply.usage, total_tokens: reply.usage.prompt_tokens + reply.usage.completion_tokens } } : {}),
  };
}

function send(res: ServerResponse, status: number, body: string) {
  if (res.destroyed) return;
  res.writeHead(status, { "content-type": "application/json" });
  res.end(body);
}

/** Starts the server on 127.0.0.1 at a free port; `script` decides each answer from the body and the 0-based call index. */
export async function startOpenAiServer(script: Script): Promise<OpenAiServer> {
  const requests: ChatRequestBody[] = [];
  const headers: IncomingHttpHeaders[] = [];
  const timers = new Set<NodeJS.Timeout>();

  const server = createServer((req, res) => {
    let raw = "";
    req.setEncoding("utf8");
    req.on("data", (chunk: string) => (raw += chunk));
    req.on("end", async () => {
      if (req.method !== "POST" || req.url !== "/v1/chat/completions") {
        return send(res, 404, JSON.stringify({ error: { message: `No route ${req.method} ${req.url}` } }));
      }
      const body = JSON.parse(raw || "{}") as ChatRequestBody;
      const callIndex = requests.length;
      requests.push(body);
      headers.push(req.headers);

      let reply: ScriptedReply;
      try {
        reply = await script(body, callIndex);
      } catch (error) {
        // A failing script shows up in the test as the model's 500, with the script's message.
        return send(res, 500, JSON.stringify({ error: { message: `test script failed: ${String(error)}` } }));
      }
      const answer = () => {
        const status = reply.status ?? 200;
        if (reply.raw !== undefined) return send(res, status, reply.raw);
        if (status !== 200) return send(res, status, JSON.stringify({ error: { message: reply.content ?? `status ${status}`, type: "server_error" } }));
        send(res, 200, JSON.stringify(completion(reply, callIndex)));
      };
      if (!reply.delayMs) return answer();
      const timer = setTimeout(() => {
        timers.delete(timer);
        answer();
      }, reply.delayMs);
      timers.add(timer);
    });
  });

  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    baseUrl: `http://127.0.0.1:${port}/v1`,
    requests,
    headers,
    close: () =>
      new Promise<void>((resolve) => {
        // Delayed answers (timeout tests) would otherwise hold the server open until they fire.
        for (const timer of timers) clearTimeout(timer);
        timers.clear();
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
