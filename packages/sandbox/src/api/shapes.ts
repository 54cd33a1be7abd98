/**
 * The API's objects as served: the spec's field names, times ISO 8601 with Z, amounts as bigint
 * nanotons (written exactly by json-writer), addresses and hashes as the world stored them.
 */
import { formatIsoUtc } from "@omrecon/core";
import type { SandboxBalanceTx, SandboxOrder } from "../model.js";
import type { SandboxState, StatsResult } from "../state.js";

const iso = (ms: number | null): string | null => (ms === null ? null : formatIsoUtc(ms));

export function orderShape(o: SandboxOrder): Record<string, unknown> {
  const known: Record<string, unknown> = {
    id: o.id,
    status: o.status,
    order_type: o.order_type,
    stars_amount: o.stars_amount,
    premium_months: o.premium_months,
    recipient_username: o.recipient_username,
    price_ton: o.price_nano,
    payment_method: o.payment_method,
    payment_currency: o.payment_currency,
    payment_address: o.payment_address,
    payment_memo: o.payment_memo,
    client_reference: o.client_reference,
    tx_hash: o.tx_hash,
    expires_at: iso(o.expires_at),
    created_at: iso(o.created_at),
    updated_at: iso(o.updated_at),
    paid_at: iso(o.paid_at),
    completed_at: iso(o.completed_at),
  };
  if (o.extra) {
    // Unknown fields ride along, but never replace a known one.
    for (const [k, v] of Object.entries(o.extra)) if (!(k in known)) known[k] = v;
  }
  return known;
}

export function balanceTxShape(t: SandboxBalanceTx): Record<string, unknown> {
  return {
    id: t.id,
    type: t.type,
    amount_ton: t.amount_nano,
    balance_after_ton: t.balance_after_nano,
    order_id: t.order_id,
    tx_hash: t.tx_hash,
    description: t.description,
    created_at: iso(t.created_at),
  };
}

export function balanceShape(state: SandboxState): Record<string, unknown> {
  return {
    balance_ton: state.balance,
    topup_address: state.partner.topupAddress,
    currency: "TON",
    updated_at: iso(state.balanceUpdatedAt),
  };
}

export function statsShape(s: StatsResult): Record<string, unknown> {
  return {
    total_orders: s.total_orders,
    by_status: s.by_status,
    stars_total: s.stars_total,
    premium_total: s.premium_total,
    volume_ton: s.volume_nano,
  };
}
