import type {
  Balance,
  BalanceTransaction,
  ListBalanceTransactionsParams,
  ListOrdersParams,
  Order,
  Page,
  RequestOptions,
  StatsParams,
  StatsSummary,
} from "@omrecon/client";

/**
 * The slice of `OpenMoneyClient` that sync calls (the client satisfies it as is). Sync depends on
 * this shape rather than on the class so that counting, tests and other transports stay easy.
 */
export interface SyncSource {
  orders: {
    /** One page of GET /orders, newest first. */
    listPage(params: ListOrdersParams, options?: RequestOptions): Promise<Page<Order>>;
    /** GET /orders/{id}: null (or a NotFoundError) when the order does not exist. */
    get(id: number, options?: RequestOptions): Promise<Order | null>;
    /** GET /orders/stats/summary: counts per status for a created_at window. */
    stats(params: StatsParams, options?: RequestOptions): Promise<StatsSummary>;
  };
  balance: {
    get(options?: RequestOptions): Promise<Balance>;
    /** One page of GET /balance/transactions, newest first. */
    transactionsPage(
      params: ListBalanceTransactionsParams,
      options?: RequestOptions,
    ): Promise<Page<BalanceTransaction>>;
  };
}

/**
 * Wraps a source so that the requests of a pass are counted: HTTP attempts, retries included, when
 * the source counts them itself (`OpenMoneyClient#requestCount`), else the calls made through it.
 */
export function countingSource(source: SyncSource): { source: SyncSource; requests: () => number } {
  const attempts = () => (source as { requestCount?: unknown }).requestCount;
  const start = attempts();
  let calls = 0;
  const counted = <A extends unknown[], R>(fn: (...args: A) => Promise<R>) => {
    return (...args: A): Promise<R> => {
      calls++;
      return fn(...args);
    };
  };
  return {
    source: {
      orders: {
        listPage: counted(source.orders.listPage.bind(source.orders)),
        get: counted(source.orders.get.bind(source.orders)),
        stats: counted(source.orders.stats.bind(source.orders)),
      },
      balance: {
        get: counted(source.balance.get.bind(source.balance)),
        transactionsPage: counted(source.balance.transactionsPage.bind(source.balance)),
      },
    },
    requests: () => {
      const now = attempts();
      return typeof start === "number" && typeof now === "number" ? now - start : calls;
    },
  };
}
