/**
 * Every assumption about what the API sends, declared once (docs/partner-api.md#tolerance): each
 * object's fields with their kind, which ones reconciliation cannot do without, the other names
 * the API may use, and the values omrecon knows. The reader (shape.ts, reader.ts) accepts
 * everything else missing, null or extra and keeps unknown fields; `check` compares live answers
 * and the API's OpenAPI document with these same declarations. Meeting the real API is a change
 * here (and in reader.ts for lists).
 */
import { arrayShape, objectShape, pageShape, type Shape } from "./reader.js";
import type { ObjectSpec, RuleProblem } from "./shape.js";
import {
  BALANCE_TRANSACTION_TYPES,
  type Balance,
  type BalanceTransaction,
  type Fees,
  type Health,
  ORDER_STATUSES,
  type Order,
  type Page,
  type PriceEstimate,
  type RecipientCheck,
  type StatsSummary,
  type TonRate,
} from "./types.js";

/** Fields whose numbers are TON amounts, read exactly from the raw JSON text (json.ts). [assumed: the `_ton` suffix] */
export const isAmountField = (key: string): boolean => key.endsWith("_ton");

/** An order is paid by memo unless it says balance; without a method, a memo says so (docs/partner-api.md#tolerance). */
export function paidByMemo(o: { payment_method?: unknown; payment_memo?: unknown }): boolean {
  if (o.payment_method === "balance") return false;
  if (o.payment_method === "ton_memo") return true;
  return typeof o.payment_memo === "string" && o.payment_memo.trim() !== "";
}

export const ORDER_SPEC: ObjectSpec = {
  noun: "order",
  fields: {
    id: {
      kind: "integer",
      required: true,
      aliases: ["order_id"],
      doc: "the order's id; `order_id` is read where `id` is absent",
    },
    status: {
      kind: "string",
      required: true,
      known: ORDER_STATUSES,
      doc: "an unknown status is kept and treated as not settled",
    },
    order_type: {
      kind: "string",
      known: ["stars", "premium"],
      doc: "absent: `stars` when `stars_amount` is given, `premium` when `premium_months` is",
    },
    stars_amount: { kind: "integer", doc: "Stars ordered" },
    premium_months: { kind: "integer", doc: "Premium months ordered" },
    recipient_username: { kind: "string", doc: "who receives the gift (reports only)" },
    price_ton: { kind: "amount", required: true, doc: "what the payer owes, exact to the nanoton" },
    payment_method: {
      kind: "string",
      known: ["ton_memo", "balance"],
      doc: "absent: paid by memo when there is a `payment_memo`, else from the balance",
    },
    payment_currency: { kind: "string", doc: "reports only" },
    payment_address: { kind: "string", doc: "where a memo payment goes: required for an order paid by memo" },
    payment_memo: {
      kind: "string",
      doc: "the comment that pays it: required for `ton_memo`; absent means paid from the balance",
    },
    client_reference: { kind: "string", doc: "the partner's own id (reports only)" },
    tx_hash: { kind: "hash", doc: "the payment the service credited (tx_hash_mismatch)" },
    expires_at: { kind: "instant", doc: "the payment deadline: required for an order paid by memo" },
    created_at: { kind: "instant", required: true, doc: "windows, sync, reports" },
    updated_at: { kind: "instant", doc: "kept" },
    paid_at: { kind: "instant", doc: "kept" },
    completed_at: { kind: "instant", doc: "kept" },
  },
  rules: (o) => {
    if (!paidByMemo(o)) return NO_PROBLEMS;
    const out: RuleProblem[] = [];
    if (o.payment_memo === null) out.push({ field: "payment_memo", detail: "is missing on an order paid by ton_memo" });
    if (o.payment_address === null)
      out.push({ field: "payment_address", detail: "is missing on an order paid by memo" });
    if (o.expires_at === null) out.push({ field: "expires_at", detail: "is missing on an order paid by memo" });
    return out;
  },
  derive: (o) => {
    if (o.order_type !== null) return NO_NAMES;
    if (o.stars_amount !== null) o.order_type = "stars";
    else if (o.premium_months !== null) o.order_type = "premium";
    else return NO_NAMES;
    return ORDER_TYPE;
  },
};
const NO_PROBLEMS: readonly RuleProblem[] = [];
const NO_NAMES: readonly string[] = [];
const ORDER_TYPE: readonly string[] = ["order_type"];

export const BALANCE_TRANSACTION_SPEC: ObjectSpec = {
  noun: "balance transaction",
  fields: {
    id: { kind: "integer", required: true, doc: "the ledger's order" },
    type: { kind: "string", required: true, known: BALANCE_TRANSACTION_TYPES, doc: "an unknown type is kept" },
    amount_ton: { kind: "amount", required: true, doc: "signed" },
    balance_after_ton: { kind: "amount", required: true, doc: "the running balance (balance_chain_break)" },
    order_id: { kind: "integer", doc: "the order an order_debit pays" },
    tx_hash: { kind: "hash", doc: "the top-up transfer of a topup row" },
    description: { kind: "string", doc: "kept" },
    created_at: { kind: "instant", required: true, doc: "windows, reports" },
  },
};

export const BALANCE_SPEC: ObjectSpec = {
  noun: "balance",
  fields: {
    balance_ton: { kind: "amount", required: true, doc: "balance_mismatch" },
    topup_address: { kind: "string", required: true, doc: "the address top-ups are read from on chain" },
    currency: { kind: "string", doc: "kept" },
    updated_at: { kind: "instant", doc: "kept" },
  },
};

export const STATS_SPEC: ObjectSpec = {
  noun: "stats",
  fields: {
    total_orders: { kind: "count", required: true, doc: "control total" },
    by_status: { kind: "counts", required: true, doc: "control totals per status" },
    stars_total: { kind: "count", doc: "kept" },
    premium_total: { kind: "count", doc: "kept" },
    volume_ton: { kind: "amount", doc: "kept" },
  },
};

export const TON_RATE_SPEC: ObjectSpec = {
  noun: "TON rate",
  fields: {
    ton_usd: { kind: "number", required: true, doc: "USD per TON" },
    updated_at: { kind: "instant", doc: "kept" },
  },
};

export const FEES_SPEC: ObjectSpec = {
  noun: "fees",
  fields: {
    service_fee_percent: { kind: "number", doc: "the service fee" },
    min_stars: { kind: "integer", doc: "smallest Stars order" },
    max_stars: { kind: "integer", doc: "largest Stars order" },
    premium_months: { kind: "integers", doc: "Premium plans" },
  },
};

export const STARS_ESTIMATE_SPEC: ObjectSpec = {
  noun: "estimate",
  fields: {
    quantity: { kind: "integer", doc: "echo of the Stars quantity" },
    price_ton: { kind: "amount", required: true, doc: "the price" },
  },
};

export const PREMIUM_ESTIMATE_SPEC: ObjectSpec = {
  noun: "estimate",
  fields: {
    months: { kind: "integer", doc: "echo of the Premium months" },
    price_ton: { kind: "amount", required: true, doc: "the price" },
  },
};

export const RECIPIENT_CHECK_SPEC: ObjectSpec = {
  noun: "recipient check",
  fields: {
    username: { kind: "string", doc: "echo of the username" },
    can_receive: { kind: "boolean", required: true, doc: "the answer" },
    reason: { kind: "string", doc: "why not" },
  },
};

export const HEALTH_SPEC: ObjectSpec = {
  noun: "health",
  fields: { status: { kind: "string", doc: "the service's word for its health" } },
};

export const orderShape: Shape<Order> = objectShape(ORDER_SPEC);
export const orderPageShape: Shape<Page<Order>> = pageShape(ORDER_SPEC);
/** `GET /orders/by-reference/{ref}` answers every match at once. [assumed] */
export const orderArrayShape: Shape<Order[]> = arrayShape(ORDER_SPEC);
export const balanceTransactionPageShape: Shape<Page<BalanceTransaction>> = pageShape(BALANCE_TRANSACTION_SPEC);
export const balanceShape: Shape<Balance> = objectShape(BALANCE_SPEC);
export const statsShape: Shape<StatsSummary> = objectShape(STATS_SPEC);
export const tonRateShape: Shape<TonRate> = objectShape(TON_RATE_SPEC);
export const feesShape: Shape<Fees> = objectShape(FEES_SPEC);
export const starsEstimateShape: Shape<PriceEstimate> = objectShape(STARS_ESTIMATE_SPEC);
export const premiumEstimateShape: Shape<PriceEstimate> = objectShape(PREMIUM_ESTIMATE_SPEC);
export const recipientCheckShape: Shape<RecipientCheck> = objectShape(RECIPIENT_CHECK_SPEC);
export const healthShape: Shape<Health> = objectShape(HEALTH_SPEC);

/**
 * What omrecon does with an endpoint: `required` — sync or reconcile cannot run without it;
 * `optional` — a run goes on without it, with a warning; `unused` — the client offers it, the
 * nightly job does not call it.
 */
export type EndpointRole = "required" | "optional" | "unused";

export interface EndpointSpec {
  /** `METHOD /pattern`, as the sandbox's counters name routes. */
  key: string;
  method: "GET" | "POST";
  /** Under the base URL, with `{name}` parameters. */
  pattern: string;
  role: EndpointRole;
  shape: Shape<unknown>;
  /** Creates or changes something: `check` never calls it. */
  writes: boolean;
}

const endpoint = (
  method: "GET" | "POST",
  pattern: string,
  role: EndpointRole,
  shape: Shape<unknown>,
): EndpointSpec => ({ key: `${method} ${pattern}`, method, pattern, role, shape, writes: method === "POST" });

/** Every endpoint of the page (docs/partner-api.md#endpoints) and what omrecon expects of it. */
export const ENDPOINTS: readonly EndpointSpec[] = [
  endpoint("GET", "/health", "unused", healthShape),
  endpoint("GET", "/orders", "required", orderPageShape),
  endpoint("GET", "/orders/{id}", "required", orderShape),
  endpoint("GET", "/orders/by-memo/{memo}", "unused", orderShape),
  endpoint("GET", "/orders/by-reference/{ref}", "unused", orderArrayShape),
  endpoint("GET", "/orders/stats/summary", "optional", statsShape),
  endpoint("GET", "/balance", "required", balanceShape),
  endpoint("GET", "/balance/transactions", "required", balanceTransactionPageShape),
  endpoint("GET", "/pricing/ton-rate", "unused", tonRateShape),
  endpoint("GET", "/pricing/fee", "unused", feesShape),
  endpoint("GET", "/pricing/estimate/stars", "unused", starsEstimateShape),
  endpoint("GET", "/pricing/estimate/premium", "unused", premiumEstimateShape),
  endpoint("GET", "/recipients/stars", "unused", recipientCheckShape),
  endpoint("GET", "/recipients/premium", "unused", recipientCheckShape),
  endpoint("POST", "/orders/stars", "unused", orderShape),
  endpoint("POST", "/orders/premium", "unused", orderShape),
  endpoint("POST", "/orders/{id}/cancel", "unused", orderShape),
];

/** `{"ok": true, "data": …}` [page]; the data, or undefined when the body is not that envelope. */
export function successData(body: unknown): { data: unknown } | undefined {
  if (typeof body !== "object" || body === null || (body as { ok?: unknown }).ok !== true) return undefined;
  return { data: (body as { data?: unknown }).data };
}

/** `{"ok": false, "error_code": "…", "error_message": "…", "data": null}` [page]. */
export function errorEnvelope(body: unknown): { error_code: string; error_message: string | null } | undefined {
  if (typeof body !== "object" || body === null) return undefined;
  const b = body as { ok?: unknown; error_code?: unknown; error_message?: unknown };
  if (b.ok !== false || typeof b.error_code !== "string") return undefined;
  return { error_code: b.error_code, error_message: typeof b.error_message === "string" ? b.error_message : null };
}
