import { type FailOn, type Logger, OmreconError, signalExitCode } from "@omrecon/core";
import { exitStatusOf, type ReconcileContext, type RunOutcome, type RunProgress, reconcile } from "@omrecon/reconcile";
import { type PeriodName, type ReportFormat, type ReportResult, writeReports } from "@omrecon/report";
import type { Store } from "@omrecon/store";
import { runSync, type SyncResult, type SyncSource } from "@omrecon/sync";

/** Everything one nightly job talks to; the programs build it from settings, the demo from a sandbox. */
export interface NightlyContext {
  store: Store;
  /** Sync's side of the partner API (usually the same client the reconcile context uses). */
  source: SyncSource;
  /** From `connectReconcile`: the chain reader, control totals and webhook. */
  reconcile: ReconcileContext;
  logger: Logger;
  progress?: RunProgress;
  now: () => Date;
  /** First SIGINT/SIGTERM: sync stops after its current page. */
  stopSignal?: AbortSignal;
  /** Second: sync abandons the request in flight. */
  abortSignal?: AbortSignal;
  /** Told when each step begins and ends (the step runs the metrics report). */
  steps?: NightlySteps;
}

export type NightlyStep = "sync" | "reconcile" | "report";

export interface NightlySteps {
  begin(step: NightlyStep): void;
  /** A step that did its job, with what it read. */
  end(
    step: NightlyStep,
    counts: { orders_read?: number; balance_transactions_read?: number; transfers_read?: number },
  ): void;
}

export interface NightlyOptions {
  out: string;
  /** The reconcile step's window (and the report's, unless `report.window` says otherwise). */
  window: { from: Date; to: Date };
  /** The report step's period when it differs from the reconcile window (a closed `--period`), and its files. */
  report?: { window?: { from: Date; to: Date }; periodName?: PeriodName | null; formats?: readonly ReportFormat[] };
  full?: boolean;
  lookbackDays?: number;
  toleranceNano?: bigint;
  graceMinutes?: number;
  failOn: FailOn;
  timeZone?: string;
  bom?: boolean;
  /** Reconcile: the mirror is incomplete past this age of its last complete sync pass. */
  maxSyncAgeMs?: number;
}

export interface NightlyOutcome {
  sync: SyncResult;
  run: RunOutcome;
  report: ReportResult;
  /**
   * The reconcile step's exit status (docs/cli.md#exit-status): 1 when open findings reach --fail-on; 2 when the
   * mirror was incomplete (alerts held back: the night's job is not done).
   */
  exitStatus: 0 | 1 | 2;
}

/** A sync pass that stopped early: the nightly job must not reconcile a half-refreshed mirror. */
export class NightlyStoppedError extends OmreconError {
  override name = "NightlyStoppedError";
  /** `reason`: the signal that stopped it (docs/cli.md#exit-status: 130 for SIGINT, 143 for SIGTERM). */
  constructor(message: string, reason: unknown) {
    super(message, { code: "interrupted", exitCode: signalExitCode(reason) });
  }
}

/** sync → reconcile → report, each step only after the previous one succeeded. */
export async function runNightly(ctx: NightlyContext, options: NightlyOptions): Promise<NightlyOutcome> {
  const log = ctx.logger;
  log.info("nightly: sync");
  ctx.steps?.begin("sync");
  const sync = await runSync(
    {
      source: ctx.source,
      store: ctx.store,
      logger: ctx.logger,
      now: ctx.now,
      ...(ctx.progress && { progress: ctx.progress }),
      ...(ctx.stopSignal && { stopSignal: ctx.stopSignal }),
      ...(ctx.abortSignal && { abortSignal: ctx.abortSignal }),
    },
    {
      full: options.full ?? false,
      ...(options.lookbackDays !== undefined && { lookbackDays: options.lookbackDays }),
    },
  );
  if (sync.stopped) {
    throw new NightlyStoppedError(
      `stopped by ${String(ctx.stopSignal?.reason ?? "a stop request")} during sync; the next run continues from the last committed page`,
      ctx.stopSignal?.reason,
    );
  }
  ctx.steps?.end("sync", {
    orders_read: sync.orders.fetched,
    balance_transactions_read: sync.balance_transactions.fetched,
  });
  log.info("nightly: reconcile");
  ctx.steps?.begin("reconcile");
  const run = await reconcile(ctx.reconcile, {
    from: options.window.from,
    to: options.window.to,
    failOn: options.failOn,
    ...(options.toleranceNano !== undefined && { toleranceNano: options.toleranceNano }),
    ...(options.graceMinutes !== undefined && { graceMinutes: options.graceMinutes }),
    ...(options.maxSyncAgeMs !== undefined && { maxSyncAgeMs: options.maxSyncAgeMs }),
  });
  ctx.steps?.end("reconcile", { orders_read: run.totals.orders, transfers_read: run.totals.transfers });
  log.info("nightly: report");
  ctx.steps?.begin("report");
  const report = await writeReports(
    { store: ctx.store, logger: ctx.logger, now: ctx.now },
    {
      out: options.out,
      window: options.report?.window ?? options.window,
      ...(options.report?.periodName !== undefined && { periodName: options.report.periodName }),
      ...(options.report?.formats !== undefined && { formats: options.report.formats }),
      ...(options.timeZone !== undefined && { timeZone: options.timeZone }),
      ...(options.bom !== undefined && { bom: options.bom }),
    },
  );
  ctx.steps?.end("report", {});
  return { sync, run, report, exitStatus: run.mirrorIncomplete !== null ? 2 : exitStatusOf(run, options.failOn) };
}
