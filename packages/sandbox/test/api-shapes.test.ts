import { afterEach, describe, expect, it } from "vitest";
import { type PartnerApi, startPartnerApi } from "../src/api/server.js";
import { API_SHAPES, type ApiShapeName } from "../src/api/shapes.js";
import { sampleOrder } from "../src/sample-order.js";
import { SandboxState } from "../src/state.js";
import { caller } from "./api-http.js";

const T0 = Date.parse("2026-04-16T12:00:00Z");
let api: PartnerApi | undefined;
afterEach(async () => {
  await api?.close();
  api = undefined;
});

async function serve(shape: ApiShapeName, openapi = false) {
  const state = new SandboxState({ seed: 5, now: () => T0 + 3_600_000 });
  state.insertOrder(sampleOrder(7, T0, { tx_hash: null, client_reference: "invoice-42" }));
  state.insertOrder(
    sampleOrder(8, T0 + 60_000, {
      payment_method: "balance",
      payment_memo: null,
      payment_address: null,
      status: "paid",
    }),
  );
  state.addBalanceTx({ type: "topup", amount_nano: 5_000_000_000n });
  api = await startPartnerApi(state, { shape, openapi });
  return caller(api);
}

describe("the page shape: orders exactly like the public page's example", () => {
  it("serves the example's fields, absent rather than null, and nothing the page does not show", async () => {
    const http = await serve("page");
    const order = (await http.get("/orders/7")).json.data;
    expect(Object.keys(order)).toEqual([
      "id",
      "status",
      "order_type",
      "stars_amount",
      "recipient_username",
      "price_ton",
      "payment_address",
      "payment_memo",
      "expires_at",
      "created_at",
    ]);
    const balancePaid = (await http.get("/orders/8")).json.data;
    expect(balancePaid).not.toHaveProperty("payment_method");
    expect(balancePaid).not.toHaveProperty("payment_memo");
    expect((await http.get("/balance")).json.data).toEqual({
      balance_ton: 5,
      topup_address: api!.state.partner.topupAddress,
    });
    const ledger = (await http.get("/balance/transactions")).json.data.items[0];
    expect(ledger).not.toHaveProperty("order_id");
  });

  it("has no stats endpoint: its path is answered like any unknown one", async () => {
    const http = await serve("page");
    const r = await http.get("/orders/stats/summary");
    expect(r.status).toBe(404);
    expect(r.json).toEqual({
      ok: false,
      error_code: "NOT_FOUND",
      error_message: "no such endpoint: GET /api/v1/orders/stats/summary",
      data: null,
    });
  });
});

describe("drifted shapes", () => {
  const orderChecks: [ApiShapeName, (o: Record<string, unknown>) => void][] = [
    [
      "renamed",
      (o) => {
        expect(o).toMatchObject({ price: 0.418 });
        expect(o).not.toHaveProperty("price_ton");
      },
    ],
    [
      "order-id",
      (o) => {
        expect(o).toMatchObject({ order_id: 7 });
        expect(o).not.toHaveProperty("id");
      },
    ],
    ["mistyped", (o) => expect(o.id).toBe("7")],
    ["zoneless", (o) => expect(o.created_at).toBe("2026-04-16T12:00:00")],
  ];
  it.each(orderChecks)("%s: an order drifts as named", async (shape, check) => {
    const http = await serve(shape);
    check((await http.get("/orders/by-memo/STARS-000007")).json.data);
  });

  it.each([
    ["spec", (d: unknown) => expect(d).toMatchObject({ total: 2, limit: 50, offset: 0 })],
    ["no-total", (d: unknown) => expect(d).not.toHaveProperty("total")],
    ["bare-array", (d: unknown) => expect(Array.isArray(d)).toBe(true)],
    ["wrapped", (d: unknown) => expect(d).toMatchObject({ results: [{ id: 8 }, { id: 7 }], total: 2 })],
  ] as const)("%s: a list comes in that form", async (shape, check) => {
    const http = await serve(shape);
    check((await http.get("/orders")).json.data);
  });
});

describe("the OpenAPI document", () => {
  it("is served without a key, only when asked for, and describes every field each shape serves", async () => {
    for (const shape of Object.keys(API_SHAPES) as ApiShapeName[]) {
      const http = await serve(shape, true);
      const doc = (await caller(api!, null).get("/openapi.json")).json;
      expect(doc.openapi, shape).toBe("3.0.3");
      const order = doc.components.schemas.Order;
      const served = (await http.get("/orders/7")).json.data;
      for (const key of Object.keys(served)) expect(order.properties, `${shape}: ${key}`).toHaveProperty(key);
      expect(Boolean(doc.paths["/orders/stats/summary"]), shape).toBe(shape !== "page");
      await api!.close();
      api = undefined;
    }
    const http = await serve("spec");
    expect((await http.get("/openapi.json")).status).toBe(404);
  });
});
