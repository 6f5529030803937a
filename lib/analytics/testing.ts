import type { Db } from "@/db/client";
import { actorFor, addMember, createTeam, createUser } from "@/db/testing/factories";
import type { TeamRole } from "@/lib/auth/permissions";

/** Two teams for the analytics tests: Alice in Platform (with `role`), Carol administering Growth. */
export async function platformAndGrowth(db: Db, role: TeamRole = "member") {
  const platform = await createTeam(db, { name: "Platform" });
  const growth = await createTeam(db, { name: "Growth" });
  const a = await createUser(db, { name: "Alice" });
  const c = await createUser(db, { name: "Carol" });
  await addMember(db, platform.id, a.id, role);
  await addMember(db, growth.id, c.id, "admin");
  return { platform, growth, alice: await actorFor(db, a.id), carol: await actorFor(db, c.id) };
}
