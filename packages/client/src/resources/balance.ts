/** `client.balance`: the partner balance and its ledger. */
import type { Send } from "../call.js";
import { walkPages } from "../paginate.js";
import { balanceSchema, balanceTransactionSchema, pageSchema } from "../schemas.js";
import type { Balance, BalanceTransaction, ListBalanceTransactionsParams, Page, RequestOptions } from "../types.js";

const transactionPage = pageSchema(balanceTransactionSchema);

export class BalanceResource {
  readonly #send: Send;

  constructor(send: Send) {
    this.#send = send;
  }

  /** `GET /balance`: the balance and the top-up address. */
  get(options?: RequestOptions): Promise<Balance> {
    return this.#send({ method: "GET", path: "/balance", schema: balanceSchema }, options);
  }

  /** `GET /balance/transactions` — one page, newest first. */
  transactionsPage(
    params: ListBalanceTransactionsParams = {},
    options?: RequestOptions,
  ): Promise<Page<BalanceTransaction>> {
    const query = { type: params.type, from: params.from, to: params.to, limit: params.limit, offset: params.offset };
    return this.#send({ method: "GET", path: "/balance/transactions", query, schema: transactionPage }, options);
  }

  /** Every balance transaction matching the filters, newest first, page after page. */
  transactions(
    params: ListBalanceTransactionsParams = {},
    options?: RequestOptions,
  ): AsyncGenerator<BalanceTransaction, void, undefined> {
    return walkPages((offset, limit) => this.transactionsPage({ ...params, offset, limit }, options), {
      pageSize: params.limit,
      offset: params.offset,
    });
  }
}
