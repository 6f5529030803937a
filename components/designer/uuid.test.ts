import { afterEach, describe, expect, it, vi } from "vitest";
import { stageDefSchema } from "@/lib/workflows/definition";
import { newUuid } from "./uuid";

describe("stage ids without crypto.randomUUID (plain http)", () => {
  afterEach(() => vi.unstubAllGlobals());

  it("are still v4 UUIDs the definition schema accepts, and differ", () => {
    const real = globalThis.crypto;
    vi.stubGlobal("crypto", { getRandomValues: (a: Uint8Array) => real.getRandomValues(a) });
    const a = newUuid();
    const b = newUuid();
    expect(a).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(a).not.toBe(b);
    expect(stageDefSchema.shape.id.safeParse(a).success).toBe(true);
  });
});
