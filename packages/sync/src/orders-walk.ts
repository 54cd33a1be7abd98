import type { Order } from "@omrecon/client";
import { toStoredTime } from "@omrecon/core";
import {
  deleteSyncState,
  getSyncState,
  type StoreDb,
  SYNC_STATE_KEYS,
  setSyncState,
  upsertOrders,
} from "@omrecon/store";
import { endOfList, walkPages } from "./page-walk.js";
import type { Pass } from "./pass.js";
import { orderToRow } from "./rows.js";

/**
 * A newest-first walk of GET /orders over `[from, to)` by offset. `to` is fixed when the walk
 * starts, so orders created meanwhile (they land at the head, above `to`) cannot shift the offsets;
 * they are the next pass's business. Saved after every page, in the page's transaction.
 */
export interface OrdersWalk {
  kind: "full" | "incremental";
  /** Inclusive lower bound (stored ISO), or null for the whole history. */
  from: string | null;
  /** Exclusive upper bound (stored ISO). */
  to: string;
  /** Rows of the walk already committed. */
  offset: number;
}

/** The walk in progress, if a pass was interrupted. */
export const ORDERS_WALK_KEY = SYNC_STATE_KEYS.ordersWalk;
/** Every order created before this instant is mirrored (the `to` of the last finished walk). */
export const ORDERS_COMPLETE_TO_KEY = SYNC_STATE_KEYS.ordersCompleteTo;

export async function pendingOrdersWalk(db: StoreDb): Promise<OrdersWalk | undefined> {
  return getSyncState<OrdersWalk>(db, ORDERS_WALK_KEY);
}

export async function ordersCompleteTo(db: StoreDb): Promise<string | undefined> {
  return getSyncState<string>(db, ORDERS_COMPLETE_TO_KEY);
}

/** Walks until the end of the window; "stopped" when a stop was asked for between pages. */
export async function walkOrders(pass: Pass, walk: OrdersWalk): Promise<"done" | "stopped"> {
  const label = walk.kind === "full" ? "orders (full)" : "orders";
  const syncedAt = pass.startedAt.toISOString();
  let pages = 0;
  return walkPages<Order>(pass, {
    start: walk.offset,
    // The window is pinned (`to`, and `from` when set), so every page's `total` holds for the
    // whole walk and pages further ahead can be asked for without going past its end.
    ahead: pass.pagesInFlight,
    fetch: (offset) =>
      pass.source.orders.listPage(
        { ...(walk.from !== null && { from: walk.from }), to: walk.to, limit: pass.pageSize, offset },
        pass.requestOptions,
      ),
    isLast: (page, offset) => {
      const oldest = page.items.at(-1);
      return (
        endOfList(page, offset, pass.pageSize) ||
        // An API that ignored `from` keeps going: stop once the page reaches below it.
        (walk.from !== null && oldest !== undefined && toStoredTime(oldest.created_at) < walk.from)
      );
    },
    write: async (trx, page, next, last) => {
      const rows = page.items.map((o) => orderToRow(o, syncedAt));
      const counts = await upsertOrders(trx, rows);
      if (last) {
        await deleteSyncState(trx, ORDERS_WALK_KEY);
        await advanceCompleteTo(trx, walk.to);
      } else {
        await setSyncState(trx, ORDERS_WALK_KEY, { ...walk, offset: next } satisfies OrdersWalk);
      }
      pages++;
      pass.tally.ordersFetched += page.items.length;
      pass.tally.ordersInserted += counts.inserted;
      pass.tally.ordersUpdated += counts.updated;
      const total = page.total === null ? undefined : Math.max(0, page.total - walk.offset);
      pass.progress.update(label, next - walk.offset, total, `rows, ${pages} pages`);
    },
  });
}

async function advanceCompleteTo(trx: StoreDb, to: string): Promise<void> {
  const current = await getSyncState<string>(trx, ORDERS_COMPLETE_TO_KEY);
  if (current === undefined || current < to) await setSyncState(trx, ORDERS_COMPLETE_TO_KEY, to);
}
