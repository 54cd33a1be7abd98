/**
 * The API's objects as served. `spec` (the default) is the team's reading of the page: every field
 * of docs/partner-api.md, times ISO 8601 with Z, amounts as bigint nanotons (written exactly by
 * json-writer), addresses and hashes as the world stored them. The other shapes are what the real
 * API may send instead (docs/partner-api.md#tolerance), so the client's tolerance and `check` are
 * tested over HTTP: `page` is the public page's example taken literally, the rest drift from the
 * spec in one way each.
 */
import { formatIsoUtc } from "@omrecon/core";
import type { SandboxBalanceTx, SandboxOrder } from "../model.js";
import type { SandboxState, StatsResult } from "../state.js";

export const API_SHAPES = {
  spec: "every field of docs/partner-api.md, lists as {items, total, limit, offset}, the stats endpoint",
  page: "orders exactly like the page's example (no payment_method, client_reference, updated_at, paid_at, completed_at; absent, not null; tx_hash only when there is one), a balance of amount and top-up address, no stats endpoint (404)",
  renamed: "orders carry price instead of price_ton (a required field renamed)",
  "order-id": "orders carry order_id instead of id",
  "no-total": "lists without total",
  "bare-array": "a list's data is the array itself",
  wrapped: "a list's data is {results, total}",
  mistyped: "order ids are strings",
  zoneless: "times have no zone (2026-04-16T12:00:00)",
} as const;

export type ApiShapeName = keyof typeof API_SHAPES;

export function isApiShapeName(name: string): name is ApiShapeName {
  return Object.hasOwn(API_SHAPES, name);
}

export interface ApiShape {
  name: ApiShapeName;
  order(o: SandboxOrder): Record<string, unknown>;
  balanceTx(t: SandboxBalanceTx): Record<string, unknown>;
  balance(state: SandboxState): Record<string, unknown>;
  /** Null: the API has no stats endpoint. */
  stats: ((s: StatsResult) => Record<string, unknown>) | null;
  list(items: unknown[], total: number, limit: number, offset: number): unknown;
}

const iso = (ms: number | null): string | null => (ms === null ? null : formatIsoUtc(ms));
const zoneless = (ms: number | null): string | null => (ms === null ? null : formatIsoUtc(ms).replace(/Z$/, ""));

function specOrder(o: SandboxOrder, time: (ms: number | null) => string | null = iso): Record<string, unknown> {
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
    expires_at: time(o.expires_at),
    created_at: time(o.created_at),
    updated_at: time(o.updated_at),
    paid_at: time(o.paid_at),
    completed_at: time(o.completed_at),
  };
  return withExtra(known, o);
}

/** Unknown fields ride along, but never replace a known one. */
function withExtra(known: Record<string, unknown>, o: SandboxOrder): Record<string, unknown> {
  if (o.extra) for (const [k, v] of Object.entries(o.extra)) if (!(k in known)) known[k] = v;
  return known;
}

/** The page's example order: its ten fields (and `tx_hash` once the service names a payment), none null. */
function pageOrder(o: SandboxOrder): Record<string, unknown> {
  const out: Record<string, unknown> = { id: o.id, status: o.status, order_type: o.order_type };
  if (o.stars_amount !== null) out.stars_amount = o.stars_amount;
  if (o.premium_months !== null) out.premium_months = o.premium_months;
  out.recipient_username = o.recipient_username;
  out.price_ton = o.price_nano;
  if (o.payment_address !== null) out.payment_address = o.payment_address;
  if (o.payment_memo !== null) out.payment_memo = o.payment_memo;
  // Not in the example (a new order has no payment yet): an [assumed] field a paid order may carry.
  if (o.tx_hash !== null) out.tx_hash = o.tx_hash;
  out.expires_at = iso(o.expires_at);
  out.created_at = iso(o.created_at);
  return withExtra(out, o);
}

function specBalanceTx(t: SandboxBalanceTx, time: (ms: number | null) => string | null = iso): Record<string, unknown> {
  return {
    id: t.id,
    type: t.type,
    amount_ton: t.amount_nano,
    balance_after_ton: t.balance_after_nano,
    order_id: t.order_id,
    tx_hash: t.tx_hash,
    description: t.description,
    created_at: time(t.created_at),
  };
}

function withoutNulls(object: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(object).filter(([, v]) => v !== null));
}

function specBalance(state: SandboxState, time: (ms: number | null) => string | null = iso): Record<string, unknown> {
  return {
    balance_ton: state.balance,
    topup_address: state.partner.topupAddress,
    currency: "TON",
    updated_at: time(state.balanceUpdatedAt),
  };
}

function specStats(s: StatsResult): Record<string, unknown> {
  return {
    total_orders: s.total_orders,
    by_status: s.by_status,
    stars_total: s.stars_total,
    premium_total: s.premium_total,
    volume_ton: s.volume_nano,
  };
}

const specList = (items: unknown[], total: number, limit: number, offset: number) => ({ items, total, limit, offset });

const SPEC: ApiShape = {
  name: "spec",
  order: (o) => specOrder(o),
  balanceTx: (t) => specBalanceTx(t),
  balance: (s) => specBalance(s),
  stats: specStats,
  list: specList,
};

const SHAPES: Record<ApiShapeName, ApiShape> = {
  spec: SPEC,
  page: {
    name: "page",
    order: pageOrder,
    balanceTx: (t) => withoutNulls(specBalanceTx(t)),
    balance: (s) => ({ balance_ton: s.balance, topup_address: s.partner.topupAddress }),
    stats: null,
    list: specList,
  },
  renamed: {
    ...SPEC,
    name: "renamed",
    order: (o) => {
      const { price_ton, ...rest } = specOrder(o);
      return { ...rest, price: price_ton };
    },
  },
  "order-id": {
    ...SPEC,
    name: "order-id",
    order: (o) => {
      const { id, ...rest } = specOrder(o);
      return { order_id: id, ...rest };
    },
  },
  "no-total": { ...SPEC, name: "no-total", list: (items, _total, limit, offset) => ({ items, limit, offset }) },
  "bare-array": { ...SPEC, name: "bare-array", list: (items) => items },
  wrapped: { ...SPEC, name: "wrapped", list: (items, total) => ({ results: items, total }) },
  mistyped: { ...SPEC, name: "mistyped", order: (o) => ({ ...specOrder(o), id: String(o.id) }) },
  zoneless: {
    ...SPEC,
    name: "zoneless",
    order: (o) => specOrder(o, zoneless),
    balanceTx: (t) => specBalanceTx(t, zoneless),
    balance: (s) => specBalance(s, zoneless),
  },
};

export function apiShape(name: ApiShapeName = "spec"): ApiShape {
  return SHAPES[name];
}
