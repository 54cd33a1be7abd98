/**
 * The partner side of the simulated world as plain data: what the world generator produces and
 * what the partner API simulator serves. Amounts are nanotons; times epoch milliseconds. Fields the
 * API serves "as given" (address form, hash encoding) hold the exact text to serve, so a world can
 * exercise the client's edge conversions (EQ/UQ/raw addresses, base64 hashes).
 */

export interface SandboxOrder {
  id: number;
  /** Any string: unknown statuses are part of what the sandbox can serve. */
  status: string;
  order_type: "stars" | "premium";
  stars_amount: number | null;
  premium_months: number | null;
  recipient_username: string;
  price_nano: bigint;
  payment_method: "ton_memo" | "balance";
  payment_currency: string;
  /** As served (user-friendly UQ…/EQ… or raw 0:…); null for balance-paid orders. */
  payment_address: string | null;
  /** Null for balance-paid orders. */
  payment_memo: string | null;
  client_reference: string | null;
  /** As served (hex or base64), or null. */
  tx_hash: string | null;
  created_at: number;
  expires_at: number;
  updated_at: number;
  paid_at: number | null;
  completed_at: number | null;
  /** Extra fields the API serves beside the known ones (unknown-field tests). */
  extra?: Record<string, unknown>;
}

export type SandboxBalanceTxType = "topup" | "order_debit" | "refund" | "adjustment";

export interface SandboxBalanceTx {
  id: number;
  type: SandboxBalanceTxType | (string & {});
  /** Signed. */
  amount_nano: bigint;
  balance_after_nano: bigint;
  order_id: number | null;
  /** As served (hex or base64), or null. */
  tx_hash: string | null;
  description: string | null;
  created_at: number;
}

/** The partner's account. */
export interface SandboxPartner {
  /** `osk_…`, generated per sandbox. */
  apiKey: string;
  /** User-friendly form as `/balance` serves it. */
  topupAddress: string;
  /** The service's payment wallet(s) orders name, user-friendly form. */
  paymentAddresses: string[];
}
