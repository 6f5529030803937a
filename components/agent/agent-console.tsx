"use client";
import { useState, useTransition } from "react";
import { Button } from "@/components/ui/button";
import { FormError } from "@/components/ui/form-error";
import { TextArea } from "@/components/ui/textarea";
import type { ActionResult } from "@/lib/auth/action-core";
import { applyAgentAction, contextAgentAction, planAgentAction, routeAgentAction } from "@/lib/agents/session-actions";
import type { ConsoleAnswer, CurrentPlanView, SessionView } from "@/lib/agents/session-views";
import { ApplyAnswerView, ContextAnswerView, RouteAnswerView } from "./answer-views";
import { PlanAnswer } from "./plan-answer";

type Verb = ConsoleAnswer["verb"];
type Failure = Extract<ActionResult<unknown>, { ok: false }>;

const ACTIONS: Record<Verb, (input: unknown) => Promise<ActionResult<unknown>>> = {
  route: routeAgentAction,
  context: contextAgentAction,
  plan: planAgentAction,
  apply: applyAgentAction,
};
const PENDING: Record<Verb, string> = { route: "Routing…", context: "Reading…", plan: "Planning…", apply: "Applying…" };

function Answer({ answer }: { answer: ConsoleAnswer }) {
  switch (answer.verb) {
    case "route":
      return <RouteAnswerView answer={answer.data} />;
    case "context":
      return <ContextAnswerView answer={answer.data} />;
    case "plan":
      return <PlanAnswer shown={answer.data} />;
    case "apply":
      return <ApplyAnswerView answer={answer.data} />;
  }
}

/**
 * The console of one session: a goal and the four verbs, each run through a server action inside the session
 * (so its repository, messages and plan carry over). Apply opens a patch box, filled with the latest plan's patch.
 */
export function AgentConsole({ session, currentPlan }: { session: SessionView; currentPlan: CurrentPlanView | null }) {
  const [goal, setGoal] = useState("");
  const [patch, setPatch] = useState("");
  const [applying, setApplying] = useState(false);
  const [answer, setAnswer] = useState<ConsoleAnswer | null>(null);
  const [failure, setFailure] = useState<Failure | null>(null);
  const [running, setRunning] = useState<Verb | null>(null);
  const [pending, startTransition] = useTransition();
  const closed = session.status === "closed";

  const run = (verb: Verb) => {
    const input = { session_id: session.id, ...(verb === "apply" ? { patch } : verb === "context" ? {} : { goal }) };
    setFailure(null);
    setRunning(verb);
    startTransition(async () => {
      const result = await ACTIONS[verb](input);
      setRunning(null);
      if (!result.ok) return setFailure(result);
      setAnswer({ verb, data: result.data } as ConsoleAnswer);
      if (verb === "apply") setApplying(false);
    });
  };
  const openApply = () => {
    const latest = answer?.verb === "plan" ? answer.data.patch : null;
    setPatch(latest ?? currentPlan?.patch ?? "");
    setFailure(null);
    setApplying(true);
  };
  const field = (name: string) => failure?.fieldErrors?.[name];
  const shownFailure = failure && !field("goal") && !field("patch") ? failure : null;
  const label = (verb: Verb, text: string) => (pending && running === verb ? PENDING[verb] : text);

  return (
    <div className="space-y-4" data-testid="agent-console">
      <section className="space-y-3 rounded-xl bg-white p-4 shadow-sm ring-1 ring-slate-200" aria-label="Console">
        {closed ? (
          <p className="rounded-md bg-slate-100 px-3 py-2 text-sm text-slate-600" data-testid="session-closed-note">
            This session is closed. Reopen it to work in it again.
          </p>
        ) : null}
        <TextArea
          label="Goal"
          name="goal"
          rows={3}
          value={goal}
          onChange={(e) => setGoal(e.target.value)}
          placeholder="e.g. rename fetchUser to loadUser"
          hint="What you want done, in your words. Context needs no goal; it reads the repository."
          error={field("goal")}
          disabled={closed}
          data-testid="agent-goal"
        />
        <div className="flex flex-wrap gap-2">
          <Button type="button" variant="secondary" onClick={() => run("route")} disabled={closed || pending} data-testid="agent-route">
            {label("route", "Route")}
          </Button>
          <Button type="button" variant="secondary" onClick={() => run("context")} disabled={closed || pending} data-testid="agent-context">
            {label("context", "Context")}
          </Button>
          <Button type="button" onClick={() => run("plan")} disabled={closed || pending} data-testid="agent-plan">
            {label("plan", "Plan")}
          </Button>
          <Button type="button" variant="secondary" onClick={openApply} disabled={closed || pending || applying} data-testid="agent-apply">
            Apply…
          </Button>
        </div>
        {applying ? (
          <div className="space-y-2 border-t border-slate-100 pt-3" data-testid="apply-panel">
            <TextArea
              label="Patch"
              name="patch"
              rows={10}
              mono
              value={patch}
              onChange={(e) => setPatch(e.target.value)}
              placeholder="diff --git a/… b/…"
              hint="A unified diff (git diff output). It is committed on a new branch, which is left checked out; needs the code.edit permission."
              error={field("patch")}
              data-testid="apply-patch"
            />
            <div className="flex gap-2">
              <Button type="button" onClick={() => run("apply")} disabled={pending || !patch.trim()} data-testid="apply-submit">
                {label("apply", "Apply on a new branch")}
              </Button>
              <Button type="button" variant="ghost" onClick={() => setApplying(false)} disabled={pending}>
                Cancel
              </Button>
            </div>
          </div>
        ) : null}
        {shownFailure ? (
          <div data-testid="console-error">
            <FormError message={shownFailure.message} />
          </div>
        ) : null}
      </section>
      {answer ? <Answer answer={answer} /> : currentPlan ? <PlanAnswer shown={currentPlan} title="Current plan" /> : null}
    </div>
  );
}
