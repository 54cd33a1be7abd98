import { describe, expect, it } from "vitest";
import { candidatePaths, compareDocument } from "../src/index.js";

describe("where check looks for the API's own description", () => {
  it("under the base URL and each parent up to the origin", () => {
    expect(candidatePaths("https://api.theopenmoney.info/api/v1")).toEqual([
      "/api/v1/openapi.json",
      "/api/v1/swagger.json",
      "/api/v1/docs/openapi.json",
      "/api/openapi.json",
      "/api/swagger.json",
      "/api/docs/openapi.json",
      "/openapi.json",
      "/swagger.json",
      "/docs/openapi.json",
    ]);
  });
});

/** A document written the way FastAPI writes one: full paths, anyOf with null, an envelope by allOf. */
const fastApiStyle = {
  openapi: "3.1.0",
  info: { title: "partner", version: "2" },
  paths: {
    "/api/v1/orders/{order_id}": {
      get: {
        responses: {
          "200": { content: { "application/json": { schema: { $ref: "#/components/schemas/OrderEnvelope" } } } },
        },
      },
    },
    "/api/v1/orders": {
      get: {
        responses: {
          "200": {
            content: {
              "application/json": {
                schema: {
                  allOf: [
                    { $ref: "#/components/schemas/Ok" },
                    {
                      properties: {
                        data: {
                          properties: { results: { type: "array", items: { $ref: "#/components/schemas/Order" } } },
                        },
                      },
                    },
                  ],
                },
              },
            },
          },
        },
      },
    },
  },
  components: {
    schemas: {
      Ok: { type: "object", properties: { ok: { type: "boolean" } } },
      OrderEnvelope: {
        type: "object",
        properties: { ok: { type: "boolean" }, data: { $ref: "#/components/schemas/Order" } },
      },
      Order: {
        type: "object",
        properties: {
          order_id: { type: "integer" },
          status: { type: "string", enum: ["pending_payment", "paid", "on_hold"] },
          price_ton: { type: "integer" },
          payment_memo: { anyOf: [{ type: "string" }, { type: "null" }] },
          created_at: { type: "string", format: "date-time" },
          expires_at: { type: "number" },
          channel: { type: "string" },
        },
      },
    },
  },
};

describe("comparing a document with omrecon's declarations", () => {
  it("follows $ref, allOf, anyOf and full paths, and says what differs at most as a warning", () => {
    const rows = compareDocument(fastApiStyle, "https://x/openapi.json", "https://x/api/v1");
    const byWhat = Object.fromEntries(rows.map((r) => [r.what, r]));
    expect(byWhat["OpenAPI document"]?.differences).toEqual([
      "https://x/openapi.json (partner 2): 0 of 17 endpoints as omrecon expects",
    ]);
    const list = byWhat["OpenAPI: GET /orders"]!;
    expect(list.verdict).toBe("warning");
    expect(list.differences).toEqual([
      "id is documented as order_id (accepted)",
      'status may be "on_hold": values omrecon does not know (kept)',
      "price_ton is documented as an integer: if it counts nanotons, omrecon would read it as TON",
      "expires_at is documented as number; omrecon reads an ISO 8601 date-time with Z or an offset",
      "not documented (optional, read as null): order_type, stars_amount, premium_months, recipient_username, payment_method, payment_currency, payment_address, client_reference, tx_hash, updated_at, paid_at, completed_at",
      "documented fields omrecon does not read (kept): channel",
    ]);
    expect(byWhat["OpenAPI: GET /orders/{id}"]?.differences).toEqual(list.differences);
    expect(byWhat["OpenAPI: GET /balance"]).toMatchObject({ status: "absent", verdict: "warning" });
    expect(byWhat["OpenAPI: GET /orders/stats/summary"]).toMatchObject({ status: "absent", verdict: "warning" });
    expect(byWhat["OpenAPI: GET /health"]).toMatchObject({ status: "absent", verdict: "info" });
    expect(rows.every((r) => r.verdict !== "incompatible")).toBe(true);
  });
});
