/**
 * Every assumption about the shapes the API sends lives here (and in paginate.ts), so meeting the
 * real API is a one-file change. zod v4 `looseObject` keeps unknown fields; statuses and types are
 * plain strings so unknown values survive; amounts become exact nanotons beside the API's number;
 * `tx_hash` becomes 64 lowercase hex.
 */
import { parseTon, txHashToHexOrNull } from "@omrecon/core";
import { z } from "zod";
import {
  amount,
  arrayOf,
  checkOf,
  type FastCheck,
  int,
  looseObject,
  nullish,
  strictFields,
  string,
  transformed,
  withFastCheck,
} from "./fields.js";
import { canonicalInstant } from "./instant.js";
import type {
  Balance,
  BalanceTransaction,
  Fees,
  Health,
  Order,
  Page,
  PriceEstimate,
  RecipientCheck,
  StatsSummary,
  TonRate,
} from "./types.js";

/** Fields whose numbers are TON amounts, read exactly from the raw JSON text (json.ts). [assumed: the `_ton` suffix] */
export const isAmountField = (key: string): boolean => key.endsWith("_ton");

/** `{"ok": true, "data": …}` [page] */
export const successEnvelope = z.object({ ok: z.literal(true), data: z.unknown() });

/** `{"ok": false, "error_code": "…", "error_message": "…", "data": null}` [page] */
export const errorEnvelope = z.object({
  ok: z.literal(false),
  error_code: z.string(),
  error_message: z.string().nullish(),
});

// Field validators are plain (no per-field transforms: pipes cost ~4x per order); the edge
// conversions run once per object in `edge()`. Each field also has a fast check (fields.ts).
const text = nullish(string);
const instant = string;

interface EdgeSpec {
  /** `x_ton` fields: the API's number stays, exact `x_nano` is added beside it. */
  amounts?: readonly string[];
  /** Hex or base64 → 64 lowercase hex. */
  hashes?: readonly string[];
  /** ISO 8601 strings, kept as sent once they parse. */
  instants?: readonly string[];
  /** Absent → null. */
  nullables?: readonly string[];
}

const AMOUNT = 1;
const HASH = 2;
const INSTANT = 3;

/** The per-object conversion at the edge, keeping the API's field order and every unknown field. */
function edge<T>(spec: EdgeSpec) {
  // One lookup per field, and the `x_nano` names made once: this runs for every order of a sync.
  const kinds = new Map<string, number>();
  for (const key of spec.instants ?? []) kinds.set(key, INSTANT);
  for (const key of spec.hashes ?? []) kinds.set(key, HASH);
  for (const key of spec.amounts ?? []) kinds.set(key, AMOUNT);
  const nanoKeys = new Map((spec.amounts ?? []).map((key) => [key, `${key.slice(0, -"_ton".length)}_nano`]));
  const nullables = spec.nullables ?? [];
  return (data: Record<string, unknown>, ctx: z.RefinementCtx): T => {
    const out: Record<string, unknown> = {};
    const fail = (key: string, message: string) => ctx.addIssue({ code: "custom", path: [key], message });
    const keys = Object.keys(data);
    for (let i = 0; i < keys.length; i++) {
      const key = keys[i]!;
      const value = data[key];
      const kind = kinds.get(key);
      if (kind === AMOUNT) {
        try {
          out[key] = typeof value === "number" ? value : Number(value);
          out[nanoKeys.get(key)!] = parseTon(value as string | number);
        } catch {
          fail(key, `not a TON amount: ${JSON.stringify(value)}`);
        }
      } else if (kind === HASH) {
        try {
          out[key] = txHashToHexOrNull(value as string | null);
        } catch {
          fail(key, "neither hex nor base64 of 32 bytes");
        }
      } else {
        if (
          kind === INSTANT &&
          typeof value === "string" &&
          canonicalInstant(value) === null &&
          Number.isNaN(Date.parse(value))
        ) {
          fail(key, "not an ISO 8601 date-time");
        }
        out[key] = value;
      }
    }
    for (const key of nullables) out[key] ??= null;
    return out as T;
  };
}

const order = looseObject({
  id: int,
  status: string,
  order_type: string,
  stars_amount: nullish(int),
  premium_months: nullish(int),
  recipient_username: string,
  price_ton: amount,
  payment_method: text,
  payment_currency: text,
  payment_address: text,
  payment_memo: text,
  client_reference: text,
  tx_hash: text,
  expires_at: nullish(instant),
  created_at: instant,
  updated_at: nullish(instant),
  paid_at: nullish(instant),
  completed_at: nullish(instant),
});
const orderEdge = edge<Order>({
  amounts: ["price_ton"],
  hashes: ["tx_hash"],
  instants: ["expires_at", "created_at", "updated_at", "paid_at", "completed_at"],
  nullables: [
    "stars_amount",
    "premium_months",
    "payment_method",
    "payment_currency",
    "payment_address",
    "payment_memo",
    "client_reference",
    "tx_hash",
    "expires_at",
    "updated_at",
    "paid_at",
    "completed_at",
  ],
});
const orderCheck = transformed(order.check, orderEdge);
export const orderSchema = withFastCheck(order.schema.transform(orderEdge), orderCheck);

const balanceTransaction = looseObject({
  id: int,
  type: string,
  amount_ton: amount,
  balance_after_ton: amount,
  order_id: nullish(int),
  tx_hash: text,
  description: text,
  created_at: instant,
});
const balanceTransactionEdge = edge<BalanceTransaction>({
  amounts: ["amount_ton", "balance_after_ton"],
  hashes: ["tx_hash"],
  instants: ["created_at"],
  nullables: ["order_id", "tx_hash", "description"],
});
const balanceTransactionCheck = transformed(balanceTransaction.check, balanceTransactionEdge);
export const balanceTransactionSchema = withFastCheck(
  balanceTransaction.schema.transform(balanceTransactionEdge),
  balanceTransactionCheck,
);

export const balanceSchema = z
  .looseObject({
    balance_ton: amount.schema,
    topup_address: z.string(),
    currency: z.string(),
    updated_at: z.string().nullish(),
  })
  .transform(edge<Balance>({ amounts: ["balance_ton"], instants: ["updated_at"], nullables: ["updated_at"] }));

export const statsSchema = z
  .looseObject({
    total_orders: int.schema,
    by_status: z.record(z.string(), int.schema),
    stars_total: int.schema,
    premium_total: int.schema,
    volume_ton: amount.schema,
  })
  .transform(edge<StatsSummary>({ amounts: ["volume_ton"] }));

export const tonRateSchema = z
  .looseObject({ ton_usd: z.number(), updated_at: z.string().nullish() })
  .transform(edge<TonRate>({ instants: ["updated_at"], nullables: ["updated_at"] }));

export const feesSchema: z.ZodType<Fees> = z.looseObject({
  service_fee_percent: z.number(),
  min_stars: int.schema,
  max_stars: int.schema,
  premium_months: z.array(int.schema),
});

export const priceEstimateSchema = z
  .looseObject({ quantity: int.schema.optional(), months: int.schema.optional(), price_ton: amount.schema })
  .transform(edge<PriceEstimate>({ amounts: ["price_ton"] }));

export const recipientCheckSchema: z.ZodType<RecipientCheck> = z.looseObject({
  username: z.string(),
  can_receive: z.boolean(),
  reason: z.string().nullish(),
});

export const healthSchema: z.ZodType<Health> = z.looseObject({ status: z.string() });

const itemChecks = new Map<z.ZodType, FastCheck<unknown>>([
  [orderSchema, orderCheck],
  [balanceTransactionSchema, balanceTransactionCheck],
]);

/** `{ items, total, limit, offset }` of the list endpoints. [assumed] */
export function pageSchema<T>(item: z.ZodType<T>): z.ZodType<Page<T>> {
  const schema = z.object({ items: z.array(item), total: int.schema, limit: int.schema, offset: int.schema });
  const itemCheck = itemChecks.get(item) as FastCheck<T> | undefined;
  if (itemCheck === undefined) return schema;
  const count = checkOf(int);
  return withFastCheck(
    schema,
    strictFields<Page<T>>({ items: arrayOf(itemCheck), total: count, limit: count, offset: count }),
  );
}

/** `GET /orders/by-reference/{ref}` answers a bare array. [assumed] */
export const orderArraySchema = z.array(orderSchema);
