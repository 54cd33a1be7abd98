import type { Order } from "@omrecon/client";
import { TERMINAL_STATUSES } from "@omrecon/client";
import { listNonTerminalOrders, type OrderRef, type StoreDb, upsertOrders } from "@omrecon/store";
import { endOfList, walkPages } from "./page-walk.js";
import { isNotFound, isValidationError, type Pass } from "./pass.js";
import { orderToRow } from "./rows.js";
import { probeOldOrders, recordDifference } from "./stats-probe.js";

/** Requests in flight at once when orders are fetched one by one. */
const BY_ID_CONCURRENCY = 4;

/**
 * Re-reads every mirrored order created before `before` that is not terminal, so its status changes
 * arrive. First one stats request: when the counts show no change since the last refresh, that is
 * all (stats-probe.ts). Else, per status, one status-filtered list over `[oldest such order, before)`
 * costs ⌈n/page size⌉ requests whatever the history's size; an order missing from its status's
 * list has moved on and is fetched by id (so by-id requests are in proportion to what changed).
 * Idempotent, so it keeps no cursor: an interrupted refresh is simply redone by the next pass.
 */
export async function refreshOpenOrders(pass: Pass, before: string): Promise<"done" | "stopped"> {
  const open = await listNonTerminalOrders(pass.db, { terminalStatuses: TERMINAL_STATUSES, createdBefore: before });
  if (open.length === 0) return "done";
  const probe = await probeOldOrders(pass, before);
  if (probe?.unchanged) {
    pass.logger.debug("old open orders unchanged by the stats; not re-read", { open: open.length });
    return "done";
  }
  if ((await reread(pass, open, before)) === "stopped") return "stopped";
  if (probe) await recordDifference(pass, before, probe);
  return "done";
}

async function reread(pass: Pass, open: readonly OrderRef[], before: string): Promise<"done" | "stopped"> {
  const byStatus = new Map<string, OrderRef[]>();
  for (const ref of open) {
    const group = byStatus.get(ref.status);
    if (group) group.push(ref);
    else byStatus.set(ref.status, [ref]);
  }
  const seen = new Set<number>();
  for (const [status, group] of byStatus) {
    // Oldest first, so the first one bounds the list from below.
    const from = group[0]!.created_at;
    if ((await listStatus(pass, status, from, before, seen)) === "stopped") return "stopped";
  }
  const moved = open.filter((o) => !seen.has(Number(o.id))).map((o) => Number(o.id));
  if (moved.length > 0) pass.logger.debug("fetching orders that left their status", { count: moved.length });
  return fetchByIds(pass, moved);
}

async function listStatus(
  pass: Pass,
  status: string,
  from: string,
  to: string,
  seen: Set<number>,
): Promise<"done" | "stopped"> {
  try {
    // Orders leaving the status during the walk shift later rows up, so one may be skipped: it is
    // then missing from `seen`, and fetched by id.
    return await walkPages<Order>(pass, {
      start: 0,
      fetch: (offset) =>
        pass.source.orders.listPage({ status, from, to, limit: pass.pageSize, offset }, pass.requestOptions),
      isLast: (page, offset) => endOfList(page, offset, pass.pageSize),
      write: async (trx, page) => {
        await writeOrders(pass, trx, page.items);
        for (const o of page.items) seen.add(o.id);
      },
    });
  } catch (error) {
    // An API that refuses to filter by a status it does not know: those orders go by id instead.
    if (!isValidationError(error)) throw error;
    pass.logger.warn("the API refused a status filter; re-reading those orders one by one", { status });
    return "done";
  }
}

async function fetchByIds(pass: Pass, ids: readonly number[]): Promise<"done" | "stopped"> {
  for (let i = 0; i < ids.length; i += pass.pageSize) {
    if (pass.stopRequested()) return "stopped";
    const batch = ids.slice(i, i + pass.pageSize);
    const found: Order[] = [];
    for (let j = 0; j < batch.length; j += BY_ID_CONCURRENCY) {
      const got = await Promise.all(batch.slice(j, j + BY_ID_CONCURRENCY).map((id) => getOrNull(pass, id)));
      for (const o of got) if (o) found.push(o);
    }
    if (found.length > 0) await pass.commit((trx) => writeOrders(pass, trx, found));
  }
  return "done";
}

async function getOrNull(pass: Pass, id: number): Promise<Order | null> {
  try {
    const order = await pass.source.orders.get(id, pass.requestOptions);
    if (order === null) pass.logger.warn("a mirrored order is gone from the API; kept as last seen", { id });
    return order;
  } catch (error) {
    if (!isNotFound(error)) throw error;
    pass.logger.warn("a mirrored order is gone from the API; kept as last seen", { id });
    return null;
  }
}

async function writeOrders(pass: Pass, trx: StoreDb, orders: readonly Order[]): Promise<void> {
  pass.tally.ordersFetched += orders.length;
  if (orders.length === 0) return;
  const syncedAt = pass.startedAt.toISOString();
  const counts = await upsertOrders(
    trx,
    orders.map((o) => orderToRow(o, syncedAt)),
  );
  pass.tally.ordersInserted += counts.inserted;
  pass.tally.ordersUpdated += counts.updated;
}
