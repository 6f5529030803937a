import { randomUUID } from "node:crypto";
import { sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { stages, teamMembers, teams, users, workflows } from "@/db/schema";

export const FLOW_STAGES = ["Inbox", "Triage", "Ready", "In progress", "Review", "QA", "Ready to ship", "Done"];
/** Ten transitions per item: seven in ten go all the way (with one step back), the rest stop in QA. */
const DONE_PATH = [0, 1, 2, 3, 2, 3, 4, 5, 6, 7];
const OPEN_PATH = [0, 1, 2, 3, 4, 3, 4, 5, 6, 5];
const TRANSITIONS_PER_ITEM = DONE_PATH.length;

export type AnalyticsData = {
  userId: string;
  teamId: string;
  workflowId: string;
  stageIds: string[];
  counts: { items: number; transitions: number };
};

/**
 * Loads one team workflow with `items` items spread over the last year, ten transitions each (steps about two days apart), in a
 * handful of set-based statements (1,000,000 transitions take about half a minute on PostgreSQL). Deterministic
 * apart from ids: positions in time come from the item number.
 */
export async function loadAnalyticsData(db: Db, items: number, now = new Date()): Promise<AnalyticsData> {
  const tag = randomUUID().slice(0, 8);
  const [user] = await db.insert(users).values({ name: "Analyst", email: `analyst-${tag}@bench.test` }).returning({ id: users.id });
  const [team] = await db.insert(teams).values({ name: "Analytics bench", slug: `analytics-${tag}` }).returning({ id: teams.id });
  await db.insert(teamMembers).values({ teamId: team!.id, userId: user!.id, role: "admin" });
  const [wf] = await db
    .insert(workflows)
    .values({ name: `Analytics bench ${items}`, ownerUserId: user!.id, ownerTeamId: team!.id, visibility: "team" })
    .returning({ id: workflows.id });
  const stageRows = await db
    .insert(stages)
    .values(FLOW_STAGES.map((name, position) => ({ workflowId: wf!.id, name, position })))
    .returning({ id: stages.id, position: stages.position });
  const stageIds = stageRows.sort((a, b) => a.position - b.position).map((s) => s.id);
  const ids = sql.raw(`array[${stageIds.map((id) => `'${id}'::uuid`).join(",")}]`);
  const donePath = sql.raw(`array[${DONE_PATH.map((p) => p + 1).join(",")}]`);
  const openPath = sql.raw(`array[${OPEN_PATH.map((p) => p + 1).join(",")}]`);

  // A pseudo-random fraction per (item, step) from a hash, so every run loads the same history.
  await db.transaction(async (tx) => {
    await tx.execute(sql`
      create temporary table bench_items on commit drop as
      select n, gen_random_uuid() as id,
             ${now.toISOString()}::timestamptz - (interval '365 days') * ((hashint4(n) & 1048575) / 1048576.0) as created_at,
             (n % 10) < 7 as done
      from generate_series(1, ${items}) n`);
    // Each step waits an exponential time (mean two days); a path that would end after now is squeezed into the time there is.
    await tx.execute(sql`
      create temporary table bench_steps on commit drop as
      select id, j, pos,
             created_at + make_interval(secs => cum * least(1, extract(epoch from ${now.toISOString()}::timestamptz - created_at) * 0.98 / nullif(total, 0))) as at
      from (
        select id, j, pos, created_at, sum(gap) over (partition by id order by j) as cum, sum(gap) over (partition by id) as total
        from (
          select b.id, b.created_at, j,
                 case when b.done then (${donePath})[j + 1] else (${openPath})[j + 1] end as pos,
                 case when j = 0 then 0 else -ln(greatest((hashint4(b.n * 16 + j) & 65535) / 65536.0, 0.0001)) * 172800 end as gap
          from bench_items b cross join generate_series(0, ${TRANSITIONS_PER_ITEM - 1}) j
        ) g
      ) c`);
    await tx.execute(sql`
      insert into work_items (id, workflow_id, stage_id, title, priority, created_at, updated_at, completed_at, assignee_id)
      select b.id, ${wf!.id}, (${ids})[s.pos], 'Item #' || b.n,
             (array['urgent','high','medium','low','none'])[1 + b.n % 5]::priority,
             b.created_at, s.at, case when b.done then s.at end,
             case when b.n % 4 = 0 then null else ${user!.id}::uuid end
      from bench_items b join bench_steps s on s.id = b.id and s.j = ${TRANSITIONS_PER_ITEM - 1}`);
    await tx.execute(sql`
      insert into work_item_transitions (work_item_id, from_stage_id, to_stage_id, actor_id, at)
      select s.id, case when s.j = 0 then null else (${ids})[p.pos] end, (${ids})[s.pos], ${user!.id}, s.at
      from bench_steps s left join bench_steps p on p.id = s.id and p.j = s.j - 1
      order by s.at`);
  });
  return { userId: user!.id, teamId: team!.id, workflowId: wf!.id, stageIds, counts: { items, transitions: items * TRANSITIONS_PER_ITEM } };
}
