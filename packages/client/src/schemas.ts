/**
 * Every assumption about the shapes the API sends lives here (and in paginate.ts), so meeting the
 * real API is a one-file change. zod v4 `looseObject` keeps unknown fields; statuses and types are
 * plain strings so unknown values survive; amounts become exact nanotons beside the API's number;
 * `tx_hash` becomes 64 lowercase hex.
 */
import { parseTon, txHashToHexOrNull } from "@omrecon/core";
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

// Field validators are plain (no per-field transforms: pipes cost ~4x per order); the edge
// conversions run once per object in `edge()`.
const amount = z.union([z.string(), z.number()]);
const int = z.number().int();
const text = z.string().nullish();
const instant = z.string();

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

/** The per-object conversion at the edge, keeping the API's field order and every unknown field. */
function edge<T>(spec: EdgeSpec) {
  const amounts = new Set(spec.amounts);
  const hashes = new Set(spec.hashes);
  const instants = new Set(spec.instants);
  const nullables = spec.nullables ?? [];
  return (data: Record<string, unknown>, ctx: z.RefinementCtx): T => {
    const out: Record<string, unknown> = {};
    const fail = (key: string, message: string) => ctx.addIssue({ code: "custom", path: [key], message });
    for (const [key, value] of Object.entries(data)) {
      if (amounts.has(key)) {
        try {
          out[key] = typeof value === "number" ? value : Number(value);
          out[`${key.slice(0, -"_ton".length)}_nano`] = parseTon(value as string | number);
        } catch {
          fail(key, `not a TON amount: ${JSON.stringify(value)}`);
        }
      } else if (hashes.has(key)) {
        try {
          out[key] = txHashToHexOrNull(value as string | null);
        } catch {
          fail(key, "neither hex nor base64 of 32 bytes");
        }
      } else {
        if (instants.has(key) && typeof value === "string" && Number.isNaN(Date.parse(value))) {
          fail(key, "not an ISO 8601 date-time");
        }
        out[key] = value;
      }
    }
    for (const key of nullables) out[key] ??= null;
    return out as T;
  };
}

export const orderSchema = z
  .looseObject({
    id: int,
    status: z.string(),
    order_type: z.string(),
    stars_amount: int.nullish(),
    premium_months: int.nullish(),
    recipient_username: z.string(),
    price_ton: amount,
    payment_method: text,
    payment_currency: text,
    payment_address: text,
    payment_memo: text,
    client_reference: text,
    tx_hash: text,
    expires_at: instant.nullish(),
    created_at: instant,
    updated_at: instant.nullish(),
    paid_at: instant.nullish(),
    completed_at: instant.nullish(),
  })
  .transform(
    edge<Order>({
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
    }),
  );

export const balanceTransactionSchema = z
  .looseObject({
    id: int,
    type: z.string(),
    amount_ton: amount,
    balance_after_ton: amount,
    order_id: int.nullish(),
    tx_hash: text,
    description: text,
    created_at: instant,
  })
  .transform(
    edge<BalanceTransaction>({
      amounts: ["amount_ton", "balance_after_ton"],
      hashes: ["tx_hash"],
      instants: ["created_at"],
      nullables: ["order_id", "tx_hash", "description"],
    }),
  );

export const balanceSchema = z
  .looseObject({ balance_ton: amount, topup_address: z.string(), currency: z.string(), updated_at: instant.nullish() })
  .transform(edge<Balance>({ amounts: ["balance_ton"], instants: ["updated_at"], nullables: ["updated_at"] }));

export const statsSchema = z
  .looseObject({
    total_orders: int,
    by_status: z.record(z.string(), int),
    stars_total: int,
    premium_total: int,
    volume_ton: amount,
  })
  .transform(edge<StatsSummary>({ amounts: ["volume_ton"] }));

export const tonRateSchema = z
  .looseObject({ ton_usd: z.number(), updated_at: instant.nullish() })
  .transform(edge<TonRate>({ instants: ["updated_at"], nullables: ["updated_at"] }));

export const feesSchema: z.ZodType<Fees> = z.looseObject({
  service_fee_percent: z.number(),
  min_stars: int,
  max_stars: int,
  premium_months: z.array(int),
});

export const priceEstimateSchema = z
  .looseObject({ quantity: int.optional(), months: int.optional(), price_ton: amount })
  .transform(edge<PriceEstimate>({ amounts: ["price_ton"] }));

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
