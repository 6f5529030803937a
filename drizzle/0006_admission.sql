-- Whether a run of `workflow` may start now, under its limit and the instance's (lib/engine/runtime,
-- `hasSlot` and `startRun`). Admissions are serialized by an advisory lock held to the end of the
-- transaction; a VOLATILE function's queries each take a fresh snapshot, so the counts after the lock see
-- every admission committed before it was granted. One round trip where a lock and a count took two.
CREATE FUNCTION tandem_admit(workflow uuid, workflow_limit integer, instance_limit integer) RETURNS boolean
LANGUAGE sql VOLATILE AS $$
  SELECT pg_advisory_xact_lock(7291003);
  SELECT (SELECT count(*) FROM runs WHERE status IN ('running', 'paused', 'waiting_approval')) < instance_limit
    AND (workflow_limit IS NULL
      OR (SELECT count(*) FROM runs WHERE workflow_id = workflow AND status IN ('running', 'paused', 'waiting_approval')) < workflow_limit);
$$;
