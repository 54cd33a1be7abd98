/**
 * One reconciliation run: fetch the control totals, read what is new on chain, match the mirror
 * (pure), then apply (store the run and its findings), then alert. The run is recorded as
 * `running` first so that one that fails is still on record, with its error.
 */

import { type Logger, OmreconError, silentLogger } from "@omrecon/core";
import { failRun, insertRun, takeLock } from "@omrecon/store";
import { alertPayload } from "../alerts/payload.js";
import { postWebhook, type WebhookResult } from "../alerts/webhook.js";
import { match } from "../matcher/match.js";
import type { MatchStats } from "../matcher/types.js";
import { applyRun } from "./apply.js";
import type { ChainReadResult, ReconcileContext, ReconcileOptions, RunOutcome, StatsUnavailable } from "./context.js";
import { loadStoredFacts, watchedAddresses } from "./load.js";

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
 * what is new at the same time.
 */
export async function reconcile(ctx: ReconcileContext, options: ReconcileOptions = {}): Promise<RunOutcome> {
  const attempt = await takeLock(ctx.store.db, { name: LOCK, ...(ctx.logger && { logger: ctx.logger }) });
  if ("busy" in attempt) {
    const holder = attempt.busy;
    throw new ReconcileBusyError(
      `another reconcile (${holder.owner}, since ${holder.acquired_at}) is running on this database; try again when it is done`,
    );
  }
  try {
    return await run(ctx, options);
  } finally {
    await attempt.held.release();
  }
}

async function run(ctx: ReconcileContext, options: ReconcileOptions): Promise<RunOutcome> {
  const log = ctx.logger ?? silentLogger;
  const now = ctx.now ?? (() => new Date());
  const startedMs = now().getTime();
  const to = options.to ?? new Date(startedMs);
  const from = options.from ?? new Date(to.getTime() - 7 * DAY_MS);
  if (!(from.getTime() < to.getTime()))
    throw new RangeError(`window: from ${from.toISOString()} is not before to ${to.toISOString()}`);
  const window = { from: from.toISOString(), to: to.toISOString() };
  const asOf = window.to;
  const toleranceNano = options.toleranceNano ?? 0n;
  const graceMinutes = options.graceMinutes ?? 30;
  const warnings: string[] = [];
  const warn = (line: string) => {
    if (warnings.includes(line)) return;
    warnings.push(line);
    log.warn(line);
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
    },
  });
  log.info("reconcile run started", { run_id: runId, from: window.from, to: window.to });

  let applied: Awaited<ReturnType<typeof applyRun>>;
  let result: ReturnType<typeof match>;
  try {
    // The control totals first: a refused key fails before a long chain read.
    let stats: MatchStats | null = null;
    if (ctx.fetchStats) {
      const answer = await ctx.fetchStats(window);
      if (isStatsUnavailable(answer)) warn(answer.warning);
      else stats = answer;
    } else log.warn("control totals skipped: no stats source");

    if (ctx.readChain) {
      const addresses = await watchedAddresses(ctx.store);
      ctx.progress?.update("reading chain", 0, addresses.length, "addresses");
      const read = await ctx.readChain(addresses);
      ctx.progress?.clear();
      log.info("chain read", { addresses: addresses.length, new_transfers: read.newTransfers, status: read.status });
      if (read.status !== "ok") throw chainReadError(read, addresses.length);
    }
    const facts = await loadStoredFacts(ctx.store);
    result = match({ ...facts, window, asOf, stats, options: { toleranceNano, graceMs: graceMinutes * 60_000 } });
    applied = await applyRun(ctx.store, runId, result, {
      at: new Date(startedMs).toISOString(),
      startedMs,
      nowMs: () => now().getTime(),
    });
  } catch (error) {
    ctx.progress?.clear();
    const message = ((error as Error)?.message ?? String(error)).split("\n")[0]!;
    try {
      await failRun(ctx.store.db, runId, {
        finished_at: now().toISOString(),
        duration_ms: Math.max(0, now().getTime() - startedMs),
        error: message.slice(0, 500),
      });
    } catch (recordError) {
      log.warn("could not record the failed run", { run_id: runId, error: (recordError as Error).message });
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
    orders: result.orders,
    webhook: null,
    durationMs: applied.durationMs,
    warnings,
  };
  outcome.webhook = await alert(ctx, outcome, log);
  log.info("reconcile run done", { run_id: runId, ...applied.totals, duration_ms: applied.durationMs });
  return outcome;
}

/** POSTs the new findings, if any and if a webhook is set; a failure is a warning, never an error. */
async function alert(ctx: ReconcileContext, outcome: RunOutcome, log: Logger): Promise<WebhookResult | null> {
  const url = ctx.webhook?.url;
  if (!url || outcome.totals.new_findings === 0) return null;
  const result = await postWebhook({ ...ctx.webhook, url }, JSON.stringify(alertPayload(outcome)));
  if (result.delivered) log.info("webhook delivered", { run_id: outcome.runId, attempts: result.attempts });
  else log.warn("webhook not delivered", { run_id: outcome.runId, attempts: result.attempts, error: result.error });
  return result;
}
