/** What a pass did, as `sync --json` prints it (docs/cli.md), plus `mode` and `stopped`. */
export interface SyncResult {
  orders: { fetched: number; inserted: number; updated: number };
  balance_transactions: { fetched: number; inserted: number };
  /** Requests made to the partner API (retries inside the client not counted). */
  requests: number;
  duration_ms: number;
  /** `full` when this pass walked the whole history, else `incremental`. */
  mode: "full" | "incremental";
  /** The pass was asked to stop and ended after a committed page; the next pass resumes. */
  stopped: boolean;
}

/** Running counts of a pass. */
export class SyncTally {
  ordersFetched = 0;
  ordersInserted = 0;
  ordersUpdated = 0;
  balanceFetched = 0;
  balanceInserted = 0;
  mode: SyncResult["mode"] = "incremental";

  result(requests: number, durationMs: number, stopped: boolean): SyncResult {
    return {
      orders: { fetched: this.ordersFetched, inserted: this.ordersInserted, updated: this.ordersUpdated },
      balance_transactions: { fetched: this.balanceFetched, inserted: this.balanceInserted },
      requests,
      duration_ms: Math.round(durationMs),
      mode: this.mode,
      stopped,
    };
  }
}

/** The one human line a pass ends with. */
export function summaryLine(r: SyncResult): string {
  const seconds = (r.duration_ms / 1000).toFixed(1);
  return (
    `sync ${r.mode}${r.stopped ? " (stopped; the next pass resumes)" : ""}: ` +
    `orders ${r.orders.fetched} fetched, ${r.orders.inserted} new, ${r.orders.updated} changed; ` +
    `balance transactions ${r.balance_transactions.fetched} fetched, ${r.balance_transactions.inserted} new; ` +
    `${r.requests} requests in ${seconds}s`
  );
}
