/** `client.balance`: the partner balance and its ledger. */
import type { Send } from "../call.js";
import { walkPages } from "../paginate.js";
import { balanceShape, balanceTransactionPageShape } from "../schemas.js";
import type { Balance, BalanceTransaction, ListBalanceTransactionsParams, Page, RequestOptions } from "../types.js";
import type { WalkBudget } from "../walk.js";

export class BalanceResource {
  readonly #send: Send;
  readonly #walkBudget: () => WalkBudget;

  constructor(send: Send, walkBudget: () => WalkBudget) {
    this.#send = send;
    this.#walkBudget = walkBudget;
  }

  /** `GET /balance`: the balance and the top-up address. */
  get(options?: RequestOptions): Promise<Balance> {
    return this.#send({ method: "GET", path: "/balance", shape: balanceShape, fixed: true }, options);
  }

  /** `GET /balance/transactions` — one page, newest first. */
  transactionsPage(
    params: ListBalanceTransactionsParams = {},
    options?: RequestOptions,
  ): Promise<Page<BalanceTransaction>> {
    const query = { type: params.type, from: params.from, to: params.to, limit: params.limit, offset: params.offset };
    return this.#send(
      {
        method: "GET",
        path: "/balance/transactions",
        query,
        shape: balanceTransactionPageShape,
        fixed: true,
        list: true,
      },
      options,
    );
  }

  /** Every balance transaction matching the filters, newest first, page after page. */
  transactions(
    params: ListBalanceTransactionsParams = {},
    options?: RequestOptions,
  ): AsyncGenerator<BalanceTransaction, void, undefined> {
    const walk = options?.walk ?? this.#walkBudget();
    return walkPages((offset, limit) => this.transactionsPage({ ...params, offset, limit }, { ...options, walk }), {
      pageSize: params.limit,
      offset: params.offset,
    });
  }
}
