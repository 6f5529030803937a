import Link from "next/link";
import { ReviewPanel } from "@/components/agent-assist/review-panel";
import { isActiveRun } from "@/components/runs/status-look";
import type { ReviewRecommendation } from "@/lib/agents/review-queries";
import { atLeast } from "@/lib/auth/permissions";
import type { ItemPage } from "@/lib/work-items/queries";
import { ItemArchiveButton } from "./item-archive-button";
import { ItemComments } from "./item-comments";
import { ItemDetails } from "./item-details";
import { ItemHistory } from "./item-history";
import { ItemRelated } from "./item-related";
import { ItemRunLive } from "./item-run-live";
import { ItemRunAlerts, ItemRuns } from "./item-runs";
import { ItemSidebar } from "./item-sidebar";
import { Timestamp } from "./timestamp";

function SectionHeading({ id, children, count }: { id: string; children: React.ReactNode; count?: number }) {
  return (
    <h2 id={id} className="mb-4 flex items-center gap-2 text-sm font-semibold text-slate-900">
      {children}
      {count !== undefined ? <span className="rounded-full bg-slate-200 px-1.5 text-xs font-medium text-slate-600 tabular-nums">{count}</span> : null}
    </h2>
  );
}

/** The item page: details and activity on the left, properties on the right. */
export function ItemView({ page, recommendations = [] }: { page: ItemPage; recommendations?: ReviewRecommendation[] }) {
  const { item, workflow, timeline, comments, assignees } = page;
  const canWrite = atLeast(workflow.level, "WRITE");
  const { id, version, title, description, data, assigneeId, priority } = item;
  const editable = { id, version, title, description, data, assigneeId, priority };
  const ref = typeof item.data.ref === "string" ? item.data.ref : null;
  const inAgentStage = !item.archivedAt && page.stages.some((s) => s.id === item.stageId && s.type === "AGENT_ASSIST");
  const showReview = recommendations.length > 0 || inAgentStage;
  return (
    <div className="mx-auto max-w-6xl space-y-6">
      <nav aria-label="Breadcrumb" className="flex items-center gap-2 text-sm text-slate-500">
        <Link href={`/workflows/${workflow.id}`} className="hover:text-slate-900" data-testid="item-workflow-link">
          ← {workflow.name}
        </Link>
        {ref ? (
          <>
            <span aria-hidden>/</span>
            <span className="font-mono text-xs text-slate-500">{ref}</span>
          </>
        ) : null}
      </nav>
      {item.archivedAt ? (
        <div
          role="status"
          className="flex flex-wrap items-center gap-3 rounded-lg bg-amber-50 px-4 py-3 text-sm text-amber-900 ring-1 ring-amber-200 ring-inset"
          data-testid="archived-banner"
        >
          <span className="flex-1">
            Archived <Timestamp at={item.archivedAt} />. It is hidden from the board; its history and comments are kept.
          </span>
          {canWrite ? <ItemArchiveButton id={item.id} archived /> : null}
        </div>
      ) : null}
      {page.runs[0] && isActiveRun(page.runs[0].status) ? <ItemRunLive key={page.runs[0].id} runId={page.runs[0].id} shownAt={new Date().toISOString()} /> : null}
      <ItemRunAlerts runs={page.runs} approval={page.runApproval} stageId={item.stageId} />
      <div className="grid gap-8 lg:grid-cols-[minmax(0,1fr)_20rem]">
        <div className="min-w-0 space-y-10">
          <ItemDetails item={editable} archived={item.archivedAt !== null} assignees={assignees} canEdit={canWrite} />
          {showReview ? <ReviewPanel itemId={item.id} recommendations={recommendations} inAgentStage={inAgentStage} /> : null}
          <ItemRuns runs={page.runs} />
          <section aria-labelledby="item-history-heading">
            <SectionHeading id="item-history-heading">History</SectionHeading>
            <ItemHistory timeline={timeline} archived={item.archivedAt !== null} />
          </section>
          <section aria-labelledby="item-comments-heading">
            <SectionHeading id="item-comments-heading" count={comments.length}>
              Comments
            </SectionHeading>
            <ItemComments itemId={item.id} comments={comments} canWrite={canWrite} />
          </section>
          {showReview ? null : <ItemRelated />}
        </div>
        <aside aria-label="Properties" className="lg:sticky lg:top-20 lg:self-start">
          <ItemSidebar page={page} canWrite={canWrite} />
          {!canWrite ? (
            <p className="mt-3 px-1 text-xs text-slate-500" data-testid="read-only-note">
              You can read this workflow but not change its items.
            </p>
          ) : null}
        </aside>
      </div>
    </div>
  );
}
