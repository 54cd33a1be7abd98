/**
 * An OpenAPI 3.0 document of what the simulated API serves in a given shape (shapes.ts): the
 * sandbox's own account of its answers, written from its side, so that `check`'s comparison of an
 * API's document with omrecon's expectations is tested against a document omrecon did not derive.
 * Served at `/api/v1/openapi.json` (no key needed) when the sandbox is started with `openapi`.
 */
import type { ApiShapeName } from "./shapes.js";

type Schema = Record<string, unknown>;

const str: Schema = { type: "string" };
const int: Schema = { type: "integer" };
const num: Schema = { type: "number" };
const time: Schema = { type: "string", format: "date-time" };
const nullable = (s: Schema): Schema => ({ ...s, nullable: true });

const STATUSES = ["pending_payment", "paid", "processing", "completed", "expired", "cancelled", "failed", "refunded"];

function orderSchema(shape: ApiShapeName): Schema {
  const properties: Record<string, Schema> = {
    id: int,
    status: { type: "string", enum: STATUSES },
    order_type: { type: "string", enum: ["stars", "premium"] },
    stars_amount: nullable(int),
    premium_months: nullable(int),
    recipient_username: str,
    price_ton: num,
    payment_method: { type: "string", enum: ["ton_memo", "balance"] },
    payment_currency: str,
    payment_address: nullable(str),
    payment_memo: nullable(str),
    client_reference: nullable(str),
    tx_hash: nullable(str),
    expires_at: time,
    created_at: time,
    updated_at: time,
    paid_at: nullable(time),
    completed_at: nullable(time),
  };
  let required = ["id", "status", "order_type", "price_ton", "created_at"];
  if (shape === "page") {
    for (const gone of [
      "payment_method",
      "payment_currency",
      "client_reference",
      "updated_at",
      "paid_at",
      "completed_at",
    ]) {
      delete properties[gone];
    }
  } else if (shape === "renamed") {
    delete properties.price_ton;
    properties.price = num;
    required = required.map((f) => (f === "price_ton" ? "price" : f));
  } else if (shape === "order-id") {
    delete properties.id;
    properties.order_id = int;
    required = required.map((f) => (f === "id" ? "order_id" : f));
  } else if (shape === "mistyped") {
    properties.id = str;
  }
  return { type: "object", required, properties };
}

const balanceTransaction: Schema = {
  type: "object",
  required: ["id", "type", "amount_ton", "balance_after_ton", "created_at"],
  properties: {
    id: int,
    type: { type: "string", enum: ["topup", "order_debit", "refund", "adjustment"] },
    amount_ton: num,
    balance_after_ton: num,
    order_id: nullable(int),
    tx_hash: nullable(str),
    description: nullable(str),
    created_at: time,
  },
};

function listOf(shape: ApiShapeName, item: string): Schema {
  const items = { type: "array", items: { $ref: `#/components/schemas/${item}` } };
  if (shape === "bare-array") return items;
  if (shape === "wrapped") return { type: "object", properties: { results: items, total: int } };
  const properties: Record<string, Schema> = { items, total: int, limit: int, offset: int };
  if (shape === "no-total") delete properties.total;
  return { type: "object", required: ["items"], properties };
}

/** `{ok: true, data: <schema>}` */
const envelope = (data: Schema): Schema => ({
  type: "object",
  required: ["ok", "data"],
  properties: { ok: { type: "boolean" }, data },
});
const ref = (name: string): Schema => ({ $ref: `#/components/schemas/${name}` });
const answer = (data: Schema, status = "200") => ({
  responses: { [status]: { description: "OK", content: { "application/json": { schema: envelope(data) } } } },
});
const param = (name: string, where: "path" | "query", schema: Schema = str) => ({
  name,
  in: where,
  required: where === "path",
  schema,
});

export function openApiDocument(shape: ApiShapeName): Record<string, unknown> {
  const paths: Record<string, unknown> = {
    "/health": { get: answer({ type: "object", properties: { status: str } }) },
    "/orders": {
      get: {
        parameters: ["status", "order_type", "from", "to", "limit", "offset"].map((p) => param(p, "query")),
        ...answer(ref("OrderList")),
      },
    },
    "/orders/{id}": { get: { parameters: [param("id", "path", int)], ...answer(ref("Order")) } },
    "/orders/by-memo/{memo}": { get: { parameters: [param("memo", "path")], ...answer(ref("Order")) } },
    "/orders/by-reference/{ref}": {
      get: { parameters: [param("ref", "path")], ...answer({ type: "array", items: ref("Order") }) },
    },
    "/orders/stars": { post: answer(ref("Order"), "201") },
    "/orders/premium": { post: answer(ref("Order"), "201") },
    "/orders/{id}/cancel": { post: answer(ref("Order")) },
    "/balance": {
      get: answer(
        shape === "page"
          ? {
              type: "object",
              required: ["balance_ton", "topup_address"],
              properties: { balance_ton: num, topup_address: str },
            }
          : {
              type: "object",
              required: ["balance_ton", "topup_address"],
              properties: { balance_ton: num, topup_address: str, currency: str, updated_at: time },
            },
      ),
    },
    "/balance/transactions": { get: answer(ref("BalanceTransactionList")) },
    "/pricing/ton-rate": { get: answer({ type: "object", properties: { ton_usd: num, updated_at: time } }) },
    "/pricing/fee": {
      get: answer({
        type: "object",
        properties: {
          service_fee_percent: num,
          min_stars: int,
          max_stars: int,
          premium_months: { type: "array", items: int },
        },
      }),
    },
    "/pricing/estimate/stars": { get: answer({ type: "object", properties: { quantity: int, price_ton: num } }) },
    "/pricing/estimate/premium": { get: answer({ type: "object", properties: { months: int, price_ton: num } }) },
    "/recipients/stars": { get: answer(ref("RecipientCheck")) },
    "/recipients/premium": { get: answer(ref("RecipientCheck")) },
  };
  if (shape !== "page") {
    paths["/orders/stats/summary"] = {
      get: answer({
        type: "object",
        required: ["total_orders", "by_status"],
        properties: {
          total_orders: int,
          by_status: { type: "object", additionalProperties: int },
          stars_total: int,
          premium_total: int,
          volume_ton: num,
        },
      }),
    };
  }
  return {
    openapi: "3.0.3",
    info: { title: "The Open Money partner API (omrecon sandbox)", version: `sandbox-${shape}` },
    servers: [{ url: "/api/v1" }],
    paths,
    components: {
      schemas: {
        Order: orderSchema(shape),
        OrderList: listOf(shape, "Order"),
        BalanceTransaction: balanceTransaction,
        BalanceTransactionList: listOf(shape, "BalanceTransaction"),
        RecipientCheck: {
          type: "object",
          properties: { username: str, can_receive: { type: "boolean" }, reason: nullable(str) },
        },
      },
    },
  };
}
