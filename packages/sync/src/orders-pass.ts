import { refreshOpenOrders } from "./orders-refresh.js";
import { type OrdersWalk, ordersCompleteTo, pendingOrdersWalk, walkOrders } from "./orders-walk.js";
import type { Pass } from "./pass.js";
import { recordAfterFullWalk } from "./stats-probe.js";

export interface OrdersPassOptions {
  full: boolean;
  lookbackMs: number;
  overlapMs: number;
}

/**
 * The orders part of a pass (docs/partner-api.md, sync semantics):
 * 1. finish a walk an earlier pass left unfinished (a crash, a stop), from its saved offset;
 * 2. walk newest-first below the pass's start: everything on a first pass or with `--full`; else
 *    down to the older of (last finished bound − overlap) and (now − lookback), which reads the new
 *    orders and re-reads the lookback window in one walk;
 * 3. re-read the non-terminal orders older than that walk.
 */
export async function syncOrders(pass: Pass, options: OrdersPassOptions): Promise<"done" | "stopped"> {
  let resumedFull = false;
  const pending = await pendingOrdersWalk(pass.db);
  // Under --full an unfinished incremental walk is moot: the full walk covers it.
  if (pending && !(options.full && pending.kind !== "full")) {
    pass.logger.info("resuming an unfinished walk", { kind: pending.kind, offset: pending.offset, to: pending.to });
    if (pending.kind === "full") pass.tally.mode = "full";
    if ((await walkOrders(pass, pending)) === "stopped") return "stopped";
    resumedFull = pending.kind === "full";
  }

  const to = pass.startedAt.toISOString();
  const completeTo = await ordersCompleteTo(pass.db);
  let walk: OrdersWalk;
  if ((options.full && !resumedFull) || completeTo === undefined) {
    walk = { kind: "full", from: null, to, offset: 0 };
    pass.tally.mode = "full";
  } else {
    const lookbackStart = pass.startedAt.getTime() - options.lookbackMs;
    const overlapStart = Date.parse(completeTo) - options.overlapMs;
    walk = { kind: "incremental", from: new Date(Math.min(lookbackStart, overlapStart)).toISOString(), to, offset: 0 };
  }
  if ((await walkOrders(pass, walk)) === "stopped") return "stopped";
  // A full walk that started in this pass has just read every order: nothing old to re-read, and
  // what the stats say about the orders the next pass will not walk is recorded now.
  if (walk.from === null) {
    await recordAfterFullWalk(pass, new Date(pass.startedAt.getTime() - options.lookbackMs).toISOString());
    return "done";
  }
  return refreshOpenOrders(pass, walk.from);
}
