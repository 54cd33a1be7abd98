/**
 * A whole reconcile run on a copy of the chained mirror: load every fact, match, and apply (store
 * the run, the findings and every order's conclusion) — what `pnpm reconcile` does after its chain
 * read. No baseline; it shows where the time and memory of a real run go besides `match`, and it
 * leaves the mirror the report stage reads.
 */
import { reconcile } from "@omrecon/reconcile";
import { openStore } from "@omrecon/store";
import { copyDb, fixturePath } from "../fixtures.js";
import { GRACE_MINUTES, storedStats } from "./match-input.js";
import { worldClock } from "./sandbox-client.js";
import { type Task, timed } from "./task.js";

const ours: Task = async (job) => {
  const db = fixturePath(job.workDir, "reconciled");
  copyDb(fixturePath(job.workDir, "chained"), db);
  const store = await openStore(db);
  const stats = storedStats(job);
  const { ms, value: outcome } = await timed(() =>
    reconcile(
      // The chain was read by the chain stage; the control totals were read after the sync.
      { store, fetchStats: async () => stats, now: worldClock(job) },
      {
        from: new Date(job.world.window.from),
        to: new Date(job.world.window.to),
        graceMinutes: GRACE_MINUTES,
        failOn: "never",
      },
    ),
  );
  await store.close();
  return {
    ms,
    rows: outcome.totals.orders,
    extra: { findings: outcome.findings.length, matched: outcome.totals.matched, run_id: outcome.runId },
  };
};

export const tasks: Record<string, Task> = { ours };
