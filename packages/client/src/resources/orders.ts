/** `client.orders`: create, read, list, stats and cancel. */
import type { Send } from "../call.js";
import { segment } from "../call.js";
import { NotFoundError } from "../errors.js";
import { walkPages } from "../paginate.js";
import { orderArrayShape, orderPageShape, orderShape, statsShape } from "../schemas.js";
import { type OptionalStats, statsUnavailable } from "../stats.js";
import type {
  CreatePremiumOrderParams,
  CreateStarsOrderParams,
  ListOrdersParams,
  Order,
  Page,
  RequestOptions,
  StatsParams,
  StatsSummary,
} from "../types.js";
import type { WalkBudget } from "../walk.js";

export class OrdersResource {
  readonly #send: Send;
  readonly #walkBudget: () => WalkBudget;

  constructor(send: Send, walkBudget: () => WalkBudget) {
    this.#send = send;
    this.#walkBudget = walkBudget;
  }

  /** `POST /orders/stars`. Idempotent: retries reuse one Idempotency-Key (`options.idempotencyKey` or a new UUID). */
  createStars(params: CreateStarsOrderParams, options?: RequestOptions): Promise<Order> {
    const body = { payment_method: "ton_memo", payment_currency: "TON", ...params, ...recipient(params) };
    return this.#send({ method: "POST", path: "/orders/stars", body, shape: orderShape }, options);
  }

  /** `POST /orders/premium` (3, 6 or 12 months). */
  createPremium(params: CreatePremiumOrderParams, options?: RequestOptions): Promise<Order> {
    const body = { payment_method: "ton_memo", payment_currency: "TON", ...params, ...recipient(params) };
    return this.#send({ method: "POST", path: "/orders/premium", body, shape: orderShape }, options);
  }

  /** `GET /orders/{id}`; throws NotFoundError when there is none. */
  get(id: number, options?: RequestOptions): Promise<Order> {
    return this.#send({ method: "GET", path: `/orders/${segment(id)}`, shape: orderShape }, options);
  }

  /** Like `get`, but null when there is no such order. */
  find(id: number, options?: RequestOptions): Promise<Order | null> {
    return orNull(this.get(id, options));
  }

  /** `GET /orders/by-memo/{memo}`; throws NotFoundError when there is none. */
  getByMemo(memo: string, options?: RequestOptions): Promise<Order> {
    return this.#send({ method: "GET", path: `/orders/by-memo/${segment(memo)}`, shape: orderShape }, options);
  }

  /** Like `getByMemo`, but null when no order has that memo. */
  findByMemo(memo: string, options?: RequestOptions): Promise<Order | null> {
    return orNull(this.getByMemo(memo, options));
  }

  /** `GET /orders/by-reference/{ref}`: every order created with that `client_reference` (possibly none). */
  listByReference(reference: string, options?: RequestOptions): Promise<Order[]> {
    const path = `/orders/by-reference/${segment(reference)}`;
    return this.#send({ method: "GET", path, shape: orderArrayShape }, options);
  }

  /** `GET /orders` — one page, for callers that checkpoint their position. */
  listPage(params: ListOrdersParams = {}, options?: RequestOptions): Promise<Page<Order>> {
    const query = {
      status: params.status,
      order_type: params.order_type,
      from: params.from,
      to: params.to,
      limit: params.limit,
      offset: params.offset,
    };
    return this.#send(
      { method: "GET", path: "/orders", query, shape: orderPageShape, fixed: true, list: true },
      options,
    );
  }

  /**
   * Every order matching the filters, newest first, page after page (`limit` is the page size).
   * Each id is yielded once even when orders arrive or change status during the walk.
   */
  list(params: ListOrdersParams = {}, options?: RequestOptions): AsyncGenerator<Order, void, undefined> {
    const walk = options?.walk ?? this.#walkBudget();
    return walkPages((offset, limit) => this.listPage({ ...params, offset, limit }, { ...options, walk }), {
      pageSize: params.limit,
      offset: params.offset,
    });
  }

  /** `GET /orders/stats/summary` for `[from, to)` on created_at. The API may not have it: see `optionalStats`. */
  stats(params: StatsParams = {}, options?: RequestOptions): Promise<StatsSummary> {
    const query = { from: params.from, to: params.to };
    return this.#send(
      { method: "GET", path: "/orders/stats/summary", query, shape: statsShape, optional: true },
      options,
    );
  }

  /**
   * The stats, or why there are none (404, 405, an unexpected shape: docs/partner-api.md#stats) as
   * the one line a run reports; any other failure (a refused key, an unreachable API) is thrown.
   */
  async optionalStats(params: StatsParams = {}, options?: RequestOptions): Promise<OptionalStats> {
    try {
      return { stats: await this.stats(params, options), warning: null };
    } catch (error) {
      const warning = statsUnavailable(error);
      if (warning === null) throw error;
      return { stats: null, warning };
    }
  }

  /** `POST /orders/{id}/cancel` — only a `pending_payment` order; else ConflictError `ORDER_NOT_CANCELLABLE`. */
  cancel(id: number, options?: RequestOptions): Promise<Order> {
    return this.#send({ method: "POST", path: `/orders/${segment(id)}/cancel`, shape: orderShape }, options);
  }
}

/** The page's recipient rule: a username is sent without its `@`. */
function recipient(params: { recipient_username: string }): { recipient_username: string } {
  return { recipient_username: params.recipient_username.replace(/^@/, "") };
}

async function orNull<T>(pending: Promise<T>): Promise<T | null> {
  try {
    return await pending;
  } catch (error) {
    if (error instanceof NotFoundError) return null;
    throw error;
  }
}
