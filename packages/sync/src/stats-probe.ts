import { statsUnavailable, TERMINAL_STATUSES } from "@omrecon/client";
import { countOrdersByStatus, getSyncState, listNonTerminalOrders, setSyncState } from "@omrecon/store";
import { isNotFound, isValidationError, type Pass } from "./pass.js";

/**
 * Server count minus mirror count per status (and `total`) over orders created before a bound,
 * zeros left out. Recorded right after a refresh: a later pass seeing the same difference knows
 * no old order changed status since, because every status change moves some count (order statuses
 * only move forward), while a stats endpoint that disagrees with its own lists by a constant (a
 * planted control-total mismatch) is absorbed by the recorded difference.
 */
export type CountDifference = Record<string, number>;

export const STATS_DIFFERENCE_KEY = "orders.stats_difference";
const TOTAL = "*total";

export interface StatsProbe {
  /** The stats answer, held so the difference can be recorded after a refresh. */
  server: { total: number; byStatus: Record<string, number> };
  /** Server minus mirror now, before any re-read. */
  difference: CountDifference;
  /** True when the difference equals the one recorded after the last refresh. */
  unchanged: boolean;
}

/**
 * One stats request; null when the API has no usable stats — 404, 405, a refused window, an answer
 * of another shape (the client's `statsUnavailable`, docs/partner-api.md#stats) — and then every
 * old open order is re-read, the safe side. A refused key or an unreachable API still fails the pass.
 */
export async function probeOldOrders(pass: Pass, before: string): Promise<StatsProbe | null> {
  let stats: Awaited<ReturnType<Pass["source"]["orders"]["stats"]>>;
  try {
    stats = await pass.source.orders.stats({ to: before }, pass.requestOptions);
  } catch (error) {
    const why = statsUnavailable(error) ?? (isNotFound(error) || isValidationError(error) ? String(error) : null);
    if (why === null) throw error;
    pass.logger.debug("no usable order stats; re-reading every old open order", { reason: why });
    return null;
  }
  const server = { total: stats.total_orders, byStatus: stats.by_status ?? {} };
  const difference = await differenceNow(pass, before, server);
  const recorded = (await getSyncState<CountDifference>(pass.db, STATS_DIFFERENCE_KEY)) ?? {};
  return { server, difference, unchanged: sameCounts(difference, recorded) };
}

/** After a refresh: remember how the stats differ from the (now current) mirror. */
export async function recordDifference(pass: Pass, before: string, probe: StatsProbe): Promise<void> {
  const difference = await differenceNow(pass, before, probe.server);
  await pass.commit((trx) => setSyncState(trx, STATS_DIFFERENCE_KEY, difference));
}

/**
 * After a full walk, which has just read every order: record the difference for orders created
 * before `before` (the bound the next pass will most likely refresh below), so the next pass can
 * skip re-reading old open orders the way every later pass does. One stats request when there are
 * such orders; nothing recorded when the API has no usable stats. Should the next pass's bound fall elsewhere and the difference
 * differ there, it simply re-reads (the safe side).
 */
export async function recordAfterFullWalk(pass: Pass, before: string): Promise<void> {
  const open = await listNonTerminalOrders(pass.db, { terminalStatuses: TERMINAL_STATUSES, createdBefore: before });
  // No old open order: the next pass has nothing to skip, so no request here either.
  if (open.length === 0) return;
  const probe = await probeOldOrders(pass, before);
  // Nothing was re-read since the probe counted the mirror: its difference is the one to keep.
  if (probe && !probe.unchanged) {
    const { difference } = probe;
    await pass.commit((trx) => setSyncState(trx, STATS_DIFFERENCE_KEY, difference));
  }
}

async function differenceNow(pass: Pass, before: string, server: StatsProbe["server"]): Promise<CountDifference> {
  const mirror = await countOrdersByStatus(pass.db, { to: before });
  const out: CountDifference = {};
  const statuses = new Set([...Object.keys(mirror), ...Object.keys(server.byStatus)]);
  let mirrorTotal = 0;
  for (const status of statuses) {
    const d = (server.byStatus[status] ?? 0) - (mirror[status] ?? 0);
    if (d !== 0) out[status] = d;
    mirrorTotal += mirror[status] ?? 0;
  }
  if (server.total !== mirrorTotal) out[TOTAL] = server.total - mirrorTotal;
  return out;
}

function sameCounts(a: CountDifference, b: CountDifference): boolean {
  const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
  for (const k of keys) if ((a[k] ?? 0) !== (b[k] ?? 0)) return false;
  return true;
}
