import { describe, expect, it } from "vitest";
import { Invalid, NotFound } from "./errors";
import { errorResponse } from "./http";

describe("errorResponse", () => {
  it("maps a domain error to its status and JSON body", async () => {
    const res = errorResponse(new Invalid("name: Give it a name.", { name: ["Give it a name."] }));
    expect(res.status).toBe(400);
    expect(await res.json()).toEqual({
      error: { code: "invalid", message: "name: Give it a name.", fields: { name: ["Give it a name."] } },
    });
    expect(errorResponse(new NotFound("Workflow")).status).toBe(404);
  });

  it("answers anything else with a 500 that says nothing about the cause", async () => {
    const res = errorResponse(new Error("password=hunter2"));
    expect(res.status).toBe(500);
    expect(JSON.stringify(await res.json())).not.toContain("hunter2");
  });
});
