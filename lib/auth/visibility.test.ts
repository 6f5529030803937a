import { describe, expect, it } from "vitest";
import type { Actor } from "./actor";
import { workflowLevel } from "./visibility";

const actor = (o: Partial<Actor> = {}): Actor => ({
  userId: "me",
  email: "me@example.test",
  name: "Me",
  isAdmin: false,
  memberships: [],
  grants: [],
  ...o,
});
const member = (role: "admin" | "member" | "viewer") => ({ teamId: "t1", teamName: "T", teamSlug: "t", role });

describe("workflowLevel", () => {
  it("personal: the owner holds ADMIN, nobody else anything, admins included", () => {
    const wf = { visibility: "personal" as const, ownerUserId: "me", ownerTeamId: null };
    expect(workflowLevel(actor(), wf)).toBe("ADMIN");
    expect(workflowLevel(actor({ userId: "you" }), wf)).toBe("NONE");
    expect(workflowLevel(actor({ userId: "root", isAdmin: true }), wf)).toBe("NONE");
  });

  it("team: the role in the owning team decides, raised by a grant in that team only", () => {
    const wf = { visibility: "team" as const, ownerUserId: "someone", ownerTeamId: "t1" };
    expect(workflowLevel(actor({ memberships: [member("viewer")] }), wf)).toBe("READ");
    expect(workflowLevel(actor({ memberships: [member("member")] }), wf)).toBe("WRITE");
    expect(workflowLevel(actor({ memberships: [member("admin")] }), wf)).toBe("ADMIN");
    const granted = { teamId: "t1", permission: "workflows.manage", level: "WRITE" as const };
    expect(workflowLevel(actor({ memberships: [member("viewer")], grants: [granted] }), wf)).toBe("WRITE");
    expect(workflowLevel(actor({ grants: [granted] }), wf)).toBe("NONE");
    expect(workflowLevel(actor({ userId: "someone" }), wf)).toBe("NONE");
  });

  it("global: READ for everyone, the owner's level where higher, ADMIN for instance admins", () => {
    const teamOwned = { visibility: "global" as const, ownerUserId: "someone", ownerTeamId: "t1" };
    expect(workflowLevel(actor(), teamOwned)).toBe("READ");
    expect(workflowLevel(actor({ memberships: [member("member")] }), teamOwned)).toBe("WRITE");
    expect(workflowLevel(actor({ isAdmin: true }), teamOwned)).toBe("ADMIN");
    expect(workflowLevel(actor(), { visibility: "global", ownerUserId: "me", ownerTeamId: null })).toBe("ADMIN");
  });
});
