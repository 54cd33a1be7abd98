/**
 * Every assumption about the shapes the API sends lives here (and in paginate.ts), so meeting the
 * real API is a one-file change. zod v4 `looseObject` keeps unknown fields; statuses and types are
 * plain strings so unknown values survive; amounts become exact nanotons beside the API's number;
 * `tx_hash` becomes 64 lowercase hex.
 */
import { type Nano, parseTon, txHashToHexOrNull } from "@omrecon/core";
import { z } from "zod";
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

/** The exact text json.ts produced for an amount, or a number if a caller parsed without it. */
const amount = z.union([z.string(), z.number()]).transform((value, ctx): { ton: number; nano: Nano } => {
  try {
    return { ton: typeof value === "number" ? value : Number(value), nano: parseTon(value) };
  } catch {
    ctx.addIssue({ code: "custom", message: `not a TON amount: ${JSON.stringify(value)}` });
    return z.NEVER;
  }
});

/** Puts `x_ton` (the API's number) and `x_nano` where `x_ton` was, keeping the API's field order. */
function withAmounts<T>(data: Record<string, unknown>, fields: readonly string[]): T {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(data)) {
    if (fields.includes(key)) {
      const { ton, nano } = value as { ton: number; nano: Nano };
      out[key] = ton;
      out[`${key.slice(0, -"_ton".length)}_nano`] = nano;
    } else {
      out[key] = value;
    }
  }
  return out as T;
}

const nullable = <T extends z.ZodType>(schema: T) => schema.nullish().transform((v) => v ?? null);
const text = nullable(z.string());
const int = z.number().int();
const instant = z.string().refine((v) => !Number.isNaN(Date.parse(v)), "not an ISO 8601 date-time");
const hash = nullable(z.string()).transform((value, ctx) => {
  try {
    return txHashToHexOrNull(value);
  } catch {
    ctx.addIssue({ code: "custom", message: "tx_hash is neither hex nor base64 of 32 bytes" });
    return z.NEVER;
  }
});

export const orderSchema = z
  .looseObject({
    id: int,
    status: z.string(),
    order_type: z.string(),
    stars_amount: nullable(int),
    premium_months: nullable(int),
    recipient_username: z.string(),
    price_ton: amount,
    payment_method: text,
    payment_currency: text,
    payment_address: text,
    payment_memo: text,
    client_reference: text,
    tx_hash: hash,
    expires_at: nullable(instant),
    created_at: instant,
    updated_at: nullable(instant),
    paid_at: nullable(instant),
    completed_at: nullable(instant),
  })
  .transform((o) => withAmounts<Order>(o, ["price_ton"]));

export const balanceTransactionSchema = z
  .looseObject({
    id: int,
    type: z.string(),
    amount_ton: amount,
    balance_after_ton: amount,
    order_id: nullable(int),
    tx_hash: hash,
    description: text,
    created_at: instant,
  })
  .transform((t) => withAmounts<BalanceTransaction>(t, ["amount_ton", "balance_after_ton"]));

export const balanceSchema = z
  .looseObject({
    balance_ton: amount,
    topup_address: z.string(),
    currency: z.string(),
    updated_at: nullable(instant),
  })
  .transform((b) => withAmounts<Balance>(b, ["balance_ton"]));

export const statsSchema = z
  .looseObject({
    total_orders: int,
    by_status: z.record(z.string(), int),
    stars_total: int,
    premium_total: int,
    volume_ton: amount,
  })
  .transform((s) => withAmounts<StatsSummary>(s, ["volume_ton"]));

export const tonRateSchema: z.ZodType<TonRate> = z.looseObject({ ton_usd: z.number(), updated_at: nullable(instant) });

export const feesSchema: z.ZodType<Fees> = z.looseObject({
  service_fee_percent: z.number(),
  min_stars: int,
  max_stars: int,
  premium_months: z.array(int),
});

export const priceEstimateSchema = z
  .looseObject({ quantity: int.optional(), months: int.optional(), price_ton: amount })
  .transform((e) => withAmounts<PriceEstimate>(e, ["price_ton"]));

export const recipientCheckSchema: z.ZodType<RecipientCheck> = z.looseObject({
  username: z.string(),
  can_receive: z.boolean(),
  reason: z.string().nullish(),
});

export const healthSchema: z.ZodType<Health> = z.looseObject({ status: z.string() });

/** `{ items, total, limit, offset }` of the list endpoints. [assumed] */
export function pageSchema<T>(item: z.ZodType<T>): z.ZodType<Page<T>> {
  return z.object({ items: z.array(item), total: int, limit: int, offset: int });
}

/** `GET /orders/by-reference/{ref}` answers a bare array. [assumed] */
export const orderArraySchema = z.array(orderSchema);
