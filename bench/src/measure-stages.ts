/** Each stage's runs, turned into table rows with their targets checked. */
import { type BenchContext, runPair, runRepeated } from "./bench-context.js";
import { count, mb, ratio, seconds } from "./format.js";
import type { StageModule } from "./job.js";
import { type Check, median, type RowResult, ratioCheck, rowOk, sideOf } from "./results.js";
import type { RequestCounts } from "./sandbox-host.js";
import { TARGETS } from "./targets.js";

function pairRow(
  id: string,
  stage: RowResult["stage"],
  label: string,
  runs: Awaited<ReturnType<typeof runPair>>,
  limit: number | null,
  more: (r: { ours: RowResult["ours"]; baseline: NonNullable<RowResult["baseline"]> }) => Check[] = () => [],
): RowResult {
  const ours = sideOf(runs.ours);
  // Both sides do the same work; the baseline's throughput is counted in ours's units.
  const baseline = sideOf(runs.baseline, ours.rows);
  const r = ours.ms / baseline.ms;
  const checks = [...(limit === null ? [] : [ratioCheck(r, limit)]), ...more({ ours, baseline })];
  return { id, stage, label, ours, baseline, ratio: r, checks, ok: rowOk(checks) };
}

/** Runs a task `repeat` times and counts what the sandbox served meanwhile (per run). */
async function served(ctx: BenchContext, module: StageModule, task: string, label: string) {
  const before = ctx.sandbox ? await ctx.sandbox.counts() : null;
  const runs = await runRepeated(ctx, module, task, label);
  const after = ctx.sandbox ? await ctx.sandbox.counts() : null;
  const delta = (pick: (c: RequestCounts) => number) =>
    before && after ? (pick(after) - pick(before)) / ctx.options.repeat : null;
  return { side: sideOf(runs), runs, api: delta((c) => c.apiTotal), ton: delta((c) => c.tonTotal) };
}

function requestRow(
  id: string,
  stage: RowResult["stage"],
  label: string,
  measured: Awaited<ReturnType<typeof served>>,
  serverSide: number | null,
  bound: number,
  boundText: string,
): RowResult {
  const { side } = measured;
  const requests = side.extra.requests as number;
  const seen = serverSide ?? requests;
  const checks: Check[] = [
    {
      what: "requests",
      target: `≤ ${count(bound)} ${boundText}`,
      value: serverSide === null ? count(requests) : `${count(requests)} (server saw ${count(seen)})`,
      ok: requests <= bound && seen <= bound,
    },
  ];
  return {
    id,
    stage,
    label,
    ours: { ...side, extra: { ...side.extra, server_requests: serverSide } },
    baseline: null,
    ratio: null,
    checks,
    ok: rowOk(checks),
    cells: { ours: `${seconds(side.ms)} · ${count(requests)} req` },
  };
}

const round1 = (ms: number) => Math.round(ms * 10) / 10;

const routesText = (routes: unknown) =>
  Object.entries(routes as Record<string, number>)
    .map(([route, n]) => `${n} × ${route}`)
    .join(", ");

export async function measureSync(ctx: BenchContext): Promise<RowResult[]> {
  const full = pairRow(
    "sync.full",
    "sync",
    "full sync (HTTP)",
    await runPair(ctx, "sync", "full sync"),
    TARGETS.fullSyncRatio,
  );
  const passes = await served(ctx, "sync", "incremental", "incremental sync");
  const extra = passes.side.extra;
  const bound = extra.request_bound as number;
  const text = `(${count(extra.non_terminal_orders as number)} open + ${count(extra.lookback_orders as number)} lookback orders)`;
  const firstRequests = extra.first_requests as number;
  const serverSteady = passes.api === null ? null : passes.api - firstRequests;
  const steady = requestRow(
    "sync.incremental",
    "sync",
    "incremental sync, nothing new",
    passes,
    serverSteady,
    bound,
    text,
  );
  steady.note = `nightly steady state: ${routesText(extra.routes)}`;
  const firstRuns = passes.runs.map((r) => r.extra?.first_ms as number);
  const firstChecks: Check[] = [
    {
      what: "requests",
      target: `≤ ${count(bound)} ${text}`,
      value: count(firstRequests),
      ok: firstRequests <= bound,
    },
  ];
  const first: RowResult = {
    id: "sync.incremental_first",
    stage: "sync",
    label: "incremental sync, first after full",
    ours: { ...passes.side, ms: median(firstRuns), runs_ms: firstRuns.map(round1), rows_per_s: null },
    baseline: null,
    ratio: null,
    checks: firstChecks,
    ok: rowOk(firstChecks),
    cells: { ours: `${seconds(median(firstRuns))} · ${count(firstRequests)} req` },
    note: `the second pass ever on this mirror: ${routesText(extra.first_routes)}`,
  };
  return [full, first, steady];
}

export async function measureChain(ctx: BenchContext): Promise<RowResult[]> {
  const read = pairRow(
    "chain.read",
    "chain",
    "chain read (TonClient)",
    await runPair(ctx, "chain", "chain read"),
    null,
  );
  read.note = `${count(read.baseline?.extra.transactions as number)} transactions on ${count(read.ours.extra.addresses as number)} watched addresses; no ratio target`;
  const again = await served(ctx, "chain", "incremental", "chain read, nothing new");
  const addresses = again.side.extra.addresses as number;
  return [
    read,
    requestRow(
      "chain.incremental",
      "chain",
      "chain read, nothing new",
      again,
      again.ton,
      addresses,
      "(one per address)",
    ),
  ];
}

export async function measureStore(ctx: BenchContext): Promise<RowResult[]> {
  return [
    pairRow("store.write", "store", "store write", await runPair(ctx, "store", "store write"), TARGETS.storeWriteRatio),
  ];
}

export async function measureMatch(ctx: BenchContext): Promise<RowResult[]> {
  const row = pairRow(
    "match",
    "match",
    "match",
    await runPair(ctx, "match", "match"),
    TARGETS.matchRatio,
    ({ ours }) => [
      {
        what: "peak RSS",
        target: `≤ ${mb(TARGETS.matchRssMb)}`,
        value: mb(ours.rss_mb),
        ok: ours.rss_mb <= TARGETS.matchRssMb,
      },
      {
        what: "ground truth",
        target: "exact",
        value: `${ours.extra.truth_missing} missing, ${ours.extra.truth_extra} extra`,
        ok: ours.extra.truth_missing === 0 && ours.extra.truth_extra === 0,
      },
    ],
  );
  const run = sideOf(await runRepeated(ctx, "reconcile", "ours", "reconcile run"));
  const whole: RowResult = {
    id: "reconcile.run",
    stage: "match",
    label: "reconcile run (load, match, store)",
    ours: run,
    baseline: null,
    ratio: null,
    checks: [],
    ok: null,
    note: "no baseline: where a whole run's time and memory go besides match()",
  };
  return [row, whole];
}

export async function measureReport(ctx: BenchContext): Promise<RowResult[]> {
  const row = pairRow(
    "report",
    "report",
    "report (4 CSV files)",
    await runPair(ctx, "report", "report"),
    TARGETS.reportRatio,
    () => [],
  );
  const identical = row.baseline?.extra.identical_output === true;
  row.checks.push({
    what: "baseline output",
    target: "identical",
    value: identical ? "identical" : "differs",
    ok: identical,
  });
  row.ok = rowOk(row.checks);
  const tenth = sideOf(await runRepeated(ctx, "report", "tenth", "report over N/10"));
  const growth = row.ours.rss_mb / tenth.rss_mb;
  const checks: Check[] = [
    {
      what: "RSS growth",
      target: `≤ ${TARGETS.reportRssGrowth}`,
      value: ratio(growth),
      ok: growth <= TARGETS.reportRssGrowth,
    },
  ];
  const rss: RowResult = {
    id: "report.rss",
    stage: "report",
    label: "report peak RSS, N vs N/10",
    ours: row.ours,
    baseline: tenth,
    ratio: growth,
    checks,
    ok: rowOk(checks),
    cells: {
      ours: `${mb(row.ours.rss_mb)} (${count(row.ours.rows)})`,
      baseline: `${mb(tenth.rss_mb)} (${count(tenth.rows)})`,
      ratio: ratio(growth),
    },
    note: "ours over the whole window vs ours over its last tenth",
  };
  const book = sideOf(await runRepeated(ctx, "report", "workbook", "workbook"));
  const bookTenth = sideOf(await runRepeated(ctx, "report", "workbookTenth", "workbook over N/10"));
  const bookGrowth = book.rss_mb / bookTenth.rss_mb;
  const workbook: RowResult = {
    id: "report.workbook",
    stage: "report",
    label: "report workbook (xlsx)",
    ours: book,
    baseline: null,
    ratio: null,
    checks: [],
    ok: null,
    note: "no baseline: omrecon-report.xlsx alone (--format xlsx), streamed by exceljs",
  };
  const bookChecks: Check[] = [
    {
      what: "RSS growth",
      target: `≤ ${TARGETS.reportRssGrowth}`,
      value: ratio(bookGrowth),
      ok: bookGrowth <= TARGETS.reportRssGrowth,
    },
  ];
  const bookRss: RowResult = {
    id: "report.workbook.rss",
    stage: "report",
    label: "workbook peak RSS, N vs N/10",
    ours: book,
    baseline: bookTenth,
    ratio: bookGrowth,
    checks: bookChecks,
    ok: rowOk(bookChecks),
    cells: {
      ours: `${mb(book.rss_mb)} (${count(book.rows)})`,
      baseline: `${mb(bookTenth.rss_mb)} (${count(bookTenth.rows)})`,
      ratio: ratio(bookGrowth),
    },
    note: "the workbook over the whole window vs over its last tenth",
  };
  return [row, rss, workbook, bookRss];
}
