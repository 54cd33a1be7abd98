/**
 * The Postgres rows: a server of the bench's own for the stage (Debian's binaries, as the tests
 * start theirs; or the one `OMRECON_BENCH_POSTGRES_URL` names, a role that may CREATE DATABASE),
 * the chained mirror loaded into it once, then store write against plain `pg`, a whole reconcile
 * run, and the CSV report with its peak RSS at N against N/10.
 */
import { startPostgresServer } from "@omrecon/store/testing";
import { type BenchContext, runTask } from "./bench-context.js";
import { count, mb, ratio } from "./format.js";
import type { Measurement } from "./job.js";
import { type Check, type RowResult, ratioCheck, rowOk, sideOf } from "./results.js";
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
    ctx.progress("postgres: a reconciled copy for the report (not measured)");
    await runTask(ctx, "postgres", "prepare-reconciled", { args, measured: false });
    const reports: Measurement[] = [];
    const tenths: Measurement[] = [];
    for (let i = 1; i <= r; i++) {
      ctx.progress(`report on Postgres${r > 1 ? ` ${i}/${r}` : ""}`);
      reports.push(await runTask(ctx, "postgres", "report", { args }));
      ctx.progress(`report on Postgres over N/10${r > 1 ? ` ${i}/${r}` : ""}`);
      tenths.push(await runTask(ctx, "postgres", "report", { args: { ...args, tenth: true } }));
    }
    const o = sideOf(ours);
    const b = sideOf(baseline, o.rows);
    const writeRatio = o.ms / b.ms;
    const writeChecks = [ratioCheck(writeRatio, TARGETS.postgresStoreWriteRatio)];
    const run = sideOf(runs);
    const report = sideOf(reports);
    const tenth = sideOf(tenths);
    const growth = report.rss_mb / tenth.rss_mb;
    const growthChecks: Check[] = [
      {
        what: "RSS growth",
        target: `≤ ${TARGETS.reportRssGrowth}`,
        value: ratio(growth),
        ok: growth <= TARGETS.reportRssGrowth,
      },
    ];
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
      {
        id: "postgres.report.rss",
        stage: "postgres",
        label: "report on Postgres, peak RSS N vs N/10",
        ours: report,
        baseline: tenth,
        ratio: growth,
        checks: growthChecks,
        ok: rowOk(growthChecks),
        cells: {
          ours: `${mb(report.rss_mb)} (${count(report.rows)})`,
          baseline: `${mb(tenth.rss_mb)} (${count(tenth.rows)})`,
          ratio: ratio(growth),
        },
        note: "the report over the whole window vs over its last tenth, on Postgres",
      },
    ];
  } finally {
    await server?.stop();
  }
}
