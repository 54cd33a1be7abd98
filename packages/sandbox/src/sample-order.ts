import type { SandboxOrder } from "./model.js";
import { ORDER_TTL_MS } from "./state.js";

/**
 * A completed Stars order as a world would load it (`state.insertOrder`), for tests that need one
 * or a few orders without generating a world. `patch` overrides any field.
 */
export function sampleOrder(id: number, createdAt: number, patch: Partial<SandboxOrder> = {}): SandboxOrder {
  return {
    id,
    status: "completed",
    order_type: "stars",
    stars_amount: 100,
    premium_months: null,
    recipient_username: "pandus",
    price_nano: 418_000_000n,
    payment_method: "ton_memo",
    payment_currency: "TON",
    payment_address: "UQBFJTkJ5hZdH7i6rWQTnm43zn6h2dPBV9lFZ2e98WvWABy_",
    payment_memo: `STARS-${id.toString(16).padStart(6, "0")}`,
    client_reference: null,
    tx_hash: null,
    created_at: createdAt,
    expires_at: createdAt + ORDER_TTL_MS,
    updated_at: createdAt,
    paid_at: createdAt,
    completed_at: createdAt,
    ...patch,
  };
}
