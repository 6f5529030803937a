import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { AppError } from "@/lib/errors";
import type { ContextBundle } from "../types";
import { availableEngines, engineFor, llmSettings } from "./index";

describe("llmSettings", () => {
  it("is null unless both the URL and the model are set", () => {
    expect(llmSettings({})).toBeNull();
    expect(llmSettings({ TANDEM_LLM_BASE_URL: "http://x/v1" })).toBeNull();
    expect(llmSettings({ TANDEM_LLM_MODEL: "m" })).toBeNull();
    expect(llmSettings({ TANDEM_LLM_BASE_URL: " ", TANDEM_LLM_MODEL: "m" })).toBeNull();
  });

  it("reads the URL, the model and the key", () => {
    expect(llmSettings({ TANDEM_LLM_BASE_URL: "http://x/v1", TANDEM_LLM_MODEL: "qwen2.5-coder" })).toEqual({ baseUrl: "http://x/v1", model: "qwen2.5-coder", apiKey: null });
    expect(llmSettings({ TANDEM_LLM_BASE_URL: "http://x/v1", TANDEM_LLM_MODEL: "m", TANDEM_LLM_API_KEY: "sk-1", TANDEM_LLM_STRUCTURED_OUTPUTS: "false" })).toEqual({
      baseUrl: "http://x/v1",
      model: "m",
      apiKey: "sk-1",
      structuredOutputs: false,
    });
  });
});

describe("availableEngines", () => {
  it("lists the configured model first, then builtin", () => {
    expect(availableEngines(null)).toEqual([{ engine: "builtin", model: null }]);
    expect(availableEngines({ baseUrl: "http://x/v1", model: "m", apiKey: null })).toEqual([
      { engine: "openai-compatible", model: "m" },
      { engine: "builtin", model: null },
    ]);
  });
});

describe("engineFor", () => {
  let server: Server;
  let baseUrl: string;
  const auth: (string | undefined)[] = [];
  beforeAll(async () => {
    server = createServer((req, res) => {
      auth.push(req.headers.authorization);
      req.resume();
      req.on("end", () => {
        const content = JSON.stringify({ summary: "s", steps: [{ title: "t", description: "", risk: "low", estimate_minutes: 5, files: [] }], risks: [] });
        res.writeHead(200, { "content-type": "application/json" });
        const choice = { index: 0, message: { role: "assistant", content }, finish_reason: "stop" };
        res.end(JSON.stringify({ id: "1", object: "chat.completion", created: 1, model: "m", choices: [choice], usage: { prompt_tokens: 1, completion_tokens: 1, total_tokens: 2 } }));
      });
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1`;
  });
  afterAll(async () => {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  });

  const bundle: ContextBundle = { repoRoot: "/r", focus: ".", head: null, branch: null, tree: [], treeTotal: 0, treeTruncated: false, diff: null, files: [], messages: [], budget: { tokens: 1, used: 0 } };

  it("gives builtin without any configuration", () => {
    expect(engineFor("builtin", null).name).toBe("builtin");
  });

  it("refuses an unconfigured model, saying which variables to set", () => {
    const error = (() => {
      try {
        engineFor("openai-compatible", null);
      } catch (e) {
        return e;
      }
    })();
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).code).toBe("invalid");
    expect((error as AppError).message).toMatch(/set TANDEM_LLM_BASE_URL .* and TANDEM_LLM_MODEL/);
  });

  it("refuses an unknown engine", () => {
    expect(() => engineFor("gpt", null)).toThrow(/There is no agent engine "gpt"/);
  });

  it("uses the environment's key unless a stored key replaces it", async () => {
    const settings = { baseUrl, model: "m", apiKey: "sk-env" };
    await engineFor("openai-compatible", settings).plan({ goal: "g", intent: "fix", bundle });
    await engineFor("openai-compatible", settings, "sk-team").plan({ goal: "g", intent: "fix", bundle });
    await engineFor("openai-compatible", settings, null).plan({ goal: "g", intent: "fix", bundle });
    expect(auth).toEqual(["Bearer sk-env", "Bearer sk-team", "Bearer sk-env"]);
  });
});
