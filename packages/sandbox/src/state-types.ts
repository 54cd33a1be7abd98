/** The shapes SandboxState takes and returns. */
import type { SandboxBalanceTx, SandboxOrder, SandboxPartner } from "./model.js";
import type { PricingConfig } from "./pricing.js";

export interface SandboxStateOptions {
  /** Seeds memos and the default addresses. Default 1. */
  seed?: number;
  /** Missing parts are generated (a fresh `osk_…` key, addresses derived from the seed). */
  partner?: Partial<SandboxPartner>;
  /** Epoch milliseconds. Default `Date.now`. */
  now?: () => number;
  pricing?: Partial<PricingConfig>;
  /** Id of the first order created through the API when none were loaded. Default 10001. */
  firstOrderId?: number;
  firstBalanceTxId?: number;
  ttlMs?: number;
}

export interface CreateOrderInput {
  recipient_username: string;
  payment_method?: string;
  payment_currency?: string;
  client_reference?: string | null;
}
export interface CreateStarsInput extends CreateOrderInput {
  quantity: number;
}
export interface CreatePremiumInput extends CreateOrderInput {
  months: number;
}

/** The result of a create or cancel: `replayed` when an Idempotency-Key returned an earlier result. */
export interface OrderResult {
  order: SandboxOrder;
  replayed: boolean;
}

export interface OrderFilter {
  status?: string;
  order_type?: string;
  /** Inclusive, epoch ms, on created_at. */
  from?: number;
  /** Exclusive. */
  to?: number;
}

export interface BalanceTxFilter {
  type?: string;
  from?: number;
  to?: number;
}

export interface ListResult<T> {
  items: T[];
  total: number;
}

export interface StatsResult {
  total_orders: number;
  by_status: Record<string, number>;
  stars_total: number;
  premium_total: number;
  volume_nano: bigint;
}

export interface NewBalanceTx {
  type: SandboxBalanceTx["type"];
  /** Signed. */
  amount_nano: bigint;
  order_id?: number | null;
  tx_hash?: string | null;
  description?: string | null;
  /** Default: the clock. */
  created_at?: number;
}
