/**
 * The partner API's objects as the client returns them. Field names are the API's own (snake_case,
 * like stripe-node), so unknown fields ride along unchanged; each TON amount `x_ton` (the API's
 * number) has an exact `x_nano` beside it; `tx_hash` is always 64 lowercase hex; times are the
 * API's ISO 8601 strings. Unknown statuses and types are kept as plain strings.
 */
import type { Nano } from "@omrecon/core";
import type { WalkBudget } from "./walk.js";

/** Statuses the spec names; any other string the API sends is kept as is (and is non-terminal). */
export const ORDER_STATUSES = [
  "pending_payment",
  "paid",
  "processing",
  "completed",
  "expired",
  "cancelled",
  "failed",
  "refunded",
] as const;
export type KnownOrderStatus = (typeof ORDER_STATUSES)[number];

/** Whether omrecon knows what the status means (docs/partner-api.md#order-object). */
export function isKnownStatus(status: string): status is KnownOrderStatus {
  return (ORDER_STATUSES as readonly string[]).includes(status);
}
// `string & {}` keeps editor completion for the known values while accepting any string.
export type OrderStatus = KnownOrderStatus | (string & {});

export const TERMINAL_STATUSES: readonly KnownOrderStatus[] = ["completed", "expired", "cancelled", "refunded"];

export function isTerminalStatus(status: string): boolean {
  return (TERMINAL_STATUSES as readonly string[]).includes(status);
}

export type OrderType = "stars" | "premium" | (string & {});
export type PaymentMethod = "ton_memo" | "balance" | (string & {});

/**
 * An order as the client returns it: every field the page or the spec names, null where the API
 * left it out (docs/partner-api.md#tolerance). Only `id`, `status`, `price_ton` and `created_at`
 * are always there; an order paid by memo also has `payment_memo`, `payment_address` and `expires_at`.
 */
export interface Order {
  /** `order_id` where the API sends that instead. */
  id: number;
  status: OrderStatus;
  /** Taken from `stars_amount` / `premium_months` when the API leaves it out; null when neither says. */
  order_type: OrderType | null;
  stars_amount: number | null;
  premium_months: number | null;
  recipient_username: string | null;
  /** The API's own number. */
  price_ton: number;
  /** `price_ton` exactly, in nanotons. */
  price_nano: Nano;
  /** As sent; when null, `paidByMemo(order)` says how it was paid (a memo means by memo). */
  payment_method: PaymentMethod | null;
  payment_currency: string | null;
  payment_address: string | null;
  payment_memo: string | null;
  client_reference: string | null;
  /** The payment transaction the service credited, 64 lowercase hex. */
  tx_hash: string | null;
  expires_at: string | null;
  created_at: string;
  updated_at: string | null;
  paid_at: string | null;
  completed_at: string | null;
  /** Any other field the API sent, unchanged. */
  [extra: string]: unknown;
}

export const BALANCE_TRANSACTION_TYPES = ["topup", "order_debit", "refund", "adjustment"] as const;
export type BalanceTransactionType = (typeof BALANCE_TRANSACTION_TYPES)[number] | (string & {});

export interface BalanceTransaction {
  id: number;
  type: BalanceTransactionType;
  /** Signed. */
  amount_ton: number;
  amount_nano: Nano;
  balance_after_ton: number;
  balance_after_nano: Nano;
  order_id: number | null;
  tx_hash: string | null;
  description: string | null;
  created_at: string;
  [extra: string]: unknown;
}

export interface Balance {
  balance_ton: number;
  balance_nano: Nano;
  topup_address: string;
  currency: string | null;
  updated_at: string | null;
  [extra: string]: unknown;
}

/** `/orders/stats/summary`; only the two control totals are required. */
export interface StatsSummary {
  total_orders: number;
  by_status: Record<string, number>;
  stars_total: number | null;
  premium_total: number | null;
  volume_ton: number | null;
  volume_nano: Nano | null;
  [extra: string]: unknown;
}

/** One page of a list endpoint. */
export interface Page<T> {
  items: T[];
  /** Rows of the whole list; null when the API does not say (the walk then reads to a short page). */
  total: number | null;
  /** As the API echoed them, when it did. */
  limit: number | null;
  offset: number | null;
}

export interface ListOrdersParams {
  status?: OrderStatus;
  order_type?: OrderType;
  /** Inclusive, on `created_at`. */
  from?: string | Date;
  /** Exclusive, on `created_at`. */
  to?: string | Date;
  /** 1..100 (the API clamps larger values); the page size when walking with `list()`. */
  limit?: number;
  /** Where the page (or the walk) starts. */
  offset?: number;
}

export interface ListBalanceTransactionsParams {
  type?: BalanceTransactionType;
  /** Inclusive, on `created_at`. */
  from?: string | Date;
  /** Exclusive, on `created_at`. */
  to?: string | Date;
  /** 1..100; the page size when walking with `transactions()`. */
  limit?: number;
  offset?: number;
}

export interface StatsParams {
  from?: string | Date;
  to?: string | Date;
}

export interface CreateStarsOrderParams {
  /** With or without a leading `@` (sent without). */
  recipient_username: string;
  /** 50..10000 */
  quantity: number;
  payment_method?: PaymentMethod;
  payment_currency?: "TON";
  client_reference?: string;
}

export interface CreatePremiumOrderParams {
  /** With or without a leading `@` (sent without). */
  recipient_username: string;
  months: 3 | 6 | 12;
  payment_method?: PaymentMethod;
  payment_currency?: "TON";
  client_reference?: string;
}

export interface TonRate {
  /** USD per TON, the API's number. */
  ton_usd: number;
  updated_at: string | null;
  [extra: string]: unknown;
}

export interface Fees {
  /** Service fee in percent, the API's number. [assumed shape] */
  service_fee_percent: number | null;
  min_stars: number | null;
  max_stars: number | null;
  premium_months: number[] | null;
  [extra: string]: unknown;
}

export interface PriceEstimate {
  /** Echo of the request: `quantity` for Stars, `months` for Premium (only that one). [assumed shape] */
  quantity?: number | null;
  months?: number | null;
  price_ton: number;
  price_nano: Nano;
  [extra: string]: unknown;
}

export interface RecipientCheck {
  username: string | null;
  can_receive: boolean;
  /** Why not, when `can_receive` is false. [assumed shape] */
  reason: string | null;
  [extra: string]: unknown;
}

export interface Health {
  status: string | null;
  [extra: string]: unknown;
}

/** Options every call accepts as its last argument. */
export interface RequestOptions {
  /** Milliseconds for one attempt. */
  timeout?: number;
  signal?: AbortSignal;
  /** For creates and cancels: a UUID; generated (v4) when absent and reused on every retry. */
  idempotencyKey?: string;
  /** Overrides the client's retry budget for this call. */
  maxRetries?: number;
  /**
   * The walk a list page belongs to (its deadline and page cap). Without one, a list request
   * belongs to the walk of its endpoint and filters (walk.ts).
   */
  walk?: WalkBudget;
}
