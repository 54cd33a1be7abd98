/**
 * One reconciliation run: fetch the control totals, read what is new on chain, match the mirror
 * (pure), then apply (store the run and its findings), then alert. The run is recorded as
 * `running` first so that one that fails, is interrupted or dies is still on record
 * (docs/reconciliation.md#runs).
 */
import { findingKey, type Logger, OmreconError, silentLogger, utcDate } from "@omrecon/core";
import {
  describeOwner,
  endRun,
  failAbandonedRuns,
  type HeldLock,
  insertRun,
  type TakenOver,
  takeLock,
} from "@omrecon/store";
import { match } from "../matcher/match.js";
import { unknownStatusWarning } from "../matcher/status.js";
import type { MatchStats } from "../matcher/types.js";
import { applyRun } from "./apply.js";
import type {
  AlertDelivery,
  ChainReadResult,
  ReconcileContext,
  ReconcileOptions,
  RunOutcome,
  StatsUnavailable,
} from "./context.js";
import { ReconcileInterruptedError, signalOf } from "./interrupted.js";
import { loadStoredFacts, watchedAddresses } from "./load.js";
import { DEFAULT_MAX_SYNC_AGE_MS, MIRROR_SENSITIVE_KINDS, mirrorIncompleteness } from "./mirror.js";

const DAY_MS = 86_400_000;
const LOCK = "reconcile";

/** Some watched address could not be read: findings over a partial chain would be wrong. */
export class ChainReadError extends OmreconError {
  override name = "ChainReadError";
  constructor(message: string) {
    super(message, { code: "chain_unreadable" });
  }
}

function chainReadError(read: ChainReadResult, total: number): ChainReadError {
  const bad = (read.addresses ?? []).filter((a) => a.status !== "ok");
  const first = bad[0];
  const detail = first ? `; ${first.address}: ${first.error ?? first.status}` : "";
  return new ChainReadError(
    `the chain could not be read (${read.status}, ${bad.length || "some"} of ${total} addresses)${detail}`,
  );
}

function isStatsUnavailable(answer: MatchStats | StatsUnavailable): answer is StatsUnavailable {
  return (answer as StatsUnavailable).stats === null;
}

/** Another reconcile holds the database's reconcile lock. */
export class ReconcileBusyError extends OmreconError {
  override name = "ReconcileBusyError";
  constructor(message: string) {
    super(message, { code: "busy" });
  }
}

/**
 * Runs one reconciliation under the database's `reconcile` lock, so that two runs never decide
 * what is new at the same time. A lock left by a dead run is taken over (at once when its process
 * is gone from this host, else when its heartbeat has stopped for a minute) and that run recorded
 * `failed` with the reason. Failing to release the lock (a full disk) never changes the outcome:
 * it is a warning, and the next run takes the lock over.
 */
export async function reconcile(ctx: ReconcileContext, options: ReconcileOptions = {}): Promise<RunOutcome> {
  const log = ctx.logger ?? silentLogger;
  if (ctx.signal?.aborted) throw new ReconcileInterruptedError(signalOf(ctx.signal));
  const attempt = await takeLock(ctx.store.db, { name: LOCK, logger: log });
  if ("busy" in attempt) {
    const holder = attempt.busy;
    throw new ReconcileBusyError(
      `another reconcile (${describeOwner(holder.owner)}, since ${holder.acquired_at}) is running on this database; try again when it is done`,
    );
  }
  const lock = attempt.held;
  try {
    await recordAbandonedRuns(ctx, lock, log);
    return await run(ctx, options, lock);
  } finally {
    try {
      await lock.release();
    } catch (error) {
      log.warn("could not release the reconcile lock; the next run takes it over", {
        error: (error as Error)?.message ?? String(error),
      });
    }
  }
}

/** Holding the lock, no run can be running: any still marked so was left by a process that ended. */
async function recordAbandonedRuns(ctx: ReconcileContext, lock: HeldLock, log: Logger): Promise<void> {
  const at = new Date().toISOString();
  const failed = await failAbandonedRuns(ctx.store.db, at, (owner) => whatBecameOf(owner, lock.tookOver));
  for (const run of failed) log.warn("recorded a run left running as failed", { run_id: Number(run.id) });
}

function whatBecameOf(owner: string | null, tookOver: TakenOver | null): string {
  if (owner !== null && owner === tookOver?.owner) return tookOver.reason;
  if (owner === null) return "the process that ran it ended without recording an outcome";
  return `its process (${describeOwner(owner)}) ended without recording an outcome`;
}

async function run(ctx: ReconcileContext, options: ReconcileOptions, lock: HeldLock): Promise<RunOutcome> {
  const log = ctx.logger ?? silentLogger;
  const now = ctx.now ?? (() => new Date());
  const signal = ctx.signal;
  const startedMs = now().getTime();
  const to = options.to ?? new Date(startedMs);
  const from = options.from ?? new Date(to.getTime() - 7 * DAY_MS);
  if (!(from.getTime() < to.getTime()))
    throw new RangeError(`window: from ${from.toISOString()} is not before to ${to.toISOString()}`);
  const window = { from: from.toISOString(), to: to.toISOString() };
  const asOf = window.to;
  const toleranceNano = options.toleranceNano ?? 0n;
  const graceMinutes = options.graceMinutes ?? 30;
  const maxSyncAgeMs = options.maxSyncAgeMs ?? DEFAULT_MAX_SYNC_AGE_MS;
  const warnings: string[] = [];
  const warn = (line: string) => {
    if (warnings.includes(line)) return;
    warnings.push(line);
    log.warn(line);
  };
  /** A safe point: nothing of the run is applied yet, so a stop leaves the mirror as it was. */
  const stopIfAsked = () => {
    if (signal?.aborted) throw new ReconcileInterruptedError(signalOf(signal));
  };

  const runId = await insertRun(ctx.store.db, {
    started_at: new Date(startedMs).toISOString(),
    window_from: window.from,
    window_to: window.to,
    as_of: asOf,
    options: {
      tolerance_nano: toleranceNano.toString(),
      grace_minutes: graceMinutes,
      fail_on: options.failOn ?? "warning",
      max_sync_age_ms: maxSyncAgeMs,
    },
    lock_owner: lock.owner,
  });
  log.info("reconcile run started", { run_id: runId, from: window.from, to: window.to });

  let applied: Awaited<ReturnType<typeof applyRun>>;
  let result: ReturnType<typeof match>;
  let mirrorIncomplete: string | null;
  try {
    // The control totals first: a refused key fails before a long chain read.
    let stats: MatchStats | null = null;
    if (ctx.fetchStats) {
      const answer = await ctx.fetchStats(window);
      if (isStatsUnavailable(answer)) warn(answer.warning);
      else stats = answer;
    } else log.warn("control totals skipped: no stats source");
    stopIfAsked();

    if (ctx.readChain) {
      const addresses = await watchedAddresses(ctx.store);
      ctx.progress?.update("reading chain", 0, addresses.length, "addresses");
      const read = await ctx.readChain(addresses, signal);
      ctx.progress?.clear();
      log.info("chain read", { addresses: addresses.length, new_transfers: read.newTransfers, status: read.status });
      stopIfAsked();
      if (read.status !== "ok") throw chainReadError(read, addresses.length);
    }

    mirrorIncomplete = await mirrorIncompleteness(ctx.store, now().getTime(), maxSyncAgeMs);
    if (mirrorIncomplete !== null) {
      warn(
        `mirror incomplete: ${mirrorIncomplete}; findings it can cause (orphan transfers, debit mismatches, ledger and control-total findings) are listed but not alerted; run sync, then reconcile again`,
      );
    }
    const facts = await loadStoredFacts(ctx.store);
    stopIfAsked();
    result = match({ ...facts, window, asOf, stats, options: { toleranceNano, graceMs: graceMinutes * 60_000 } });
    const unknown = unknownStatusWarning(result.unknownStatuses);
    if (unknown !== null) warn(unknown);
    stopIfAsked();
    const alerts = ctx.alerts;
    applied = await applyRun(ctx.store, runId, result, {
      at: new Date(startedMs).toISOString(),
      startedMs,
      nowMs: () => now().getTime(),
      lock,
      ...(mirrorIncomplete !== null && { holdBack: (f) => MIRROR_SENSITIVE_KINDS.has(f.kind) }),
      warnings,
      mirrorIncomplete,
      // What a run covered, it can say is gone; an incomplete mirror cannot tell gone from not mirrored.
      ...(mirrorIncomplete === null && {
        clear: {
          everyRun: ["balance_mismatch"],
          keyedKinds: ["control_total_mismatch"],
          keys: stats === null ? [] : [findingKey.controlTotal(utcDate(window.from), utcDate(window.to))],
        },
      }),
      ...(alerts && {
        inTransaction: (trx, done) =>
          alerts.record(trx, {
            runId,
            window,
            asOf,
            totals: done.totals,
            findings: done.findings,
            cleared: done.cleared,
          }),
      }),
    });
  } catch (error) {
    ctx.progress?.clear();
    const interrupted = error instanceof ReconcileInterruptedError;
    const message = ((error as Error)?.message ?? String(error)).split("\n")[0]!;
    try {
      await endRun(ctx.store.db, runId, interrupted ? "interrupted" : "failed", {
        finished_at: now().toISOString(),
        duration_ms: Math.max(0, now().getTime() - startedMs),
        error: message.slice(0, 500),
        warnings,
      });
    } catch (recordError) {
      log.warn("could not record the run's end", { run_id: runId, error: (recordError as Error).message });
    }
    throw error;
  }

  const outcome: RunOutcome = {
    runId,
    window,
    asOf,
    totals: applied.totals,
    findings: applied.findings,
    resolved: applied.resolved,
    cleared: applied.cleared,
    orders: result.orders,
    alerts: null,
    durationMs: applied.durationMs,
    warnings,
    mirrorIncomplete,
  };
  const heldBack = outcome.findings.filter((f) => f.held_back).length;
  if (heldBack > 0) log.warn("alerts held back: the mirror is incomplete", { run_id: runId, held_back: heldBack });
  outcome.alerts = await deliverAlerts(ctx, outcome, log);
  log.info("reconcile run done", { run_id: runId, ...applied.totals, duration_ms: applied.durationMs });
  return outcome;
}

/**
 * Sends what is pending in the outbox (this run's alerts, recorded with it, and any an earlier run
 * could not deliver). A receiver that is down is a warning, never an error: the alerts stay
 * pending and the next run sends them with the same ids.
 */
async function deliverAlerts(ctx: ReconcileContext, outcome: RunOutcome, log: Logger): Promise<AlertDelivery | null> {
  if (!ctx.alerts) return null;
  try {
    return await ctx.alerts.deliver();
  } catch (error) {
    log.warn("alerts not delivered; they stay pending for the next run", {
      run_id: outcome.runId,
      error: (error as Error)?.message ?? String(error),
    });
    return null;
  }
}
