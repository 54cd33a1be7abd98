/**
 * The Postgres rows: a server of the bench's own for the stage (Debian's binaries, as the tests
 * start theirs; or the one `OMRECON_BENCH_POSTGRES_URL` names, a role that may CREATE DATABASE),
 * the chained mirror loaded into it once, then store write against plain `pg` and a whole reconcile
 * run with its report.
 */
import { startPostgresServer } from "@omrecon/store/testing";
import { type BenchContext, runTask } from "./bench-context.js";
import type { Measurement } from "./job.js";
import { type RowResult, ratioCheck, rowOk, sideOf } from "./results.js";
import { TARGETS } from "./targets.js";

export async function measurePostgres(ctx: BenchContext): Promise<RowResult[]> {
  const given = process.env.OMRECON_BENCH_POSTGRES_URL;
  ctx.progress(given ? "postgres: using OMRECON_BENCH_POSTGRES_URL" : "postgres: starting a server");
  const server = given ? null : await startPostgresServer();
  const args = { postgres: given ?? server!.url };
  try {
    ctx.progress("postgres: loading the chained mirror (not measured)");
    await runTask(ctx, "postgres", "load", { args, measured: false });
    const ours: Measurement[] = [];
    const baseline: Measurement[] = [];
    const runs: Measurement[] = [];
    const r = ctx.options.repeat;
    for (let i = 1; i <= r; i++) {
      const n = r > 1 ? ` ${i}/${r}` : "";
      ctx.progress(`store write (Postgres): ours${n}`);
      ours.push(await runTask(ctx, "postgres", "write-ours", { args }));
      ctx.progress(`store write (Postgres): baseline${n}`);
      baseline.push(await runTask(ctx, "postgres", "write-baseline", { args }));
    }
    for (let i = 1; i <= r; i++) {
      ctx.progress(`reconcile run (Postgres)${r > 1 ? ` ${i}/${r}` : ""}`);
      runs.push(await runTask(ctx, "postgres", "reconcile", { args }));
    }
    const o = sideOf(ours);
    const b = sideOf(baseline, o.rows);
    const writeRatio = o.ms / b.ms;
    const writeChecks = [ratioCheck(writeRatio, TARGETS.postgresStoreWriteRatio)];
    const run = sideOf(runs);
    const report = sideOf(
      runs.map((m) => ({ ...m, ms: m.extra?.report_ms as number, rows: m.extra?.report_rows as number })),
    );
    return [
      {
        id: "postgres.store.write",
        stage: "postgres",
        label: "store write (Postgres)",
        ours: o,
        baseline: b,
        ratio: writeRatio,
        checks: writeChecks,
        ok: rowOk(writeChecks),
      },
      {
        id: "postgres.reconcile.run",
        stage: "postgres",
        label: "reconcile run on Postgres (load, match, store)",
        ours: run,
        baseline: null,
        ratio: null,
        checks: [],
        ok: null,
      },
      {
        id: "postgres.report",
        stage: "postgres",
        label: "report on Postgres (4 CSV files)",
        ours: report,
        baseline: null,
        ratio: null,
        checks: [],
        ok: null,
      },
    ];
  } finally {
    await server?.stop();
  }
}
