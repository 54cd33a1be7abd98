import { request as httpRequest, type IncomingHttpHeaders } from "node:http";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { type PartnerApi, startPartnerApi } from "../src/api/server.js";
import { SandboxState } from "../src/state.js";
import { caller } from "./api-http.js";

let api: PartnerApi;
let http: ReturnType<typeof caller>;
const stars = { recipient_username: "pandus", quantity: 100 };

beforeEach(async () => {
  api = await startPartnerApi(new SandboxState({ seed: 5 }), { faultSeed: 11 });
  http = caller(api);
});
afterEach(() => api.close());

/** Sends a request over node:http (no retries, no pooling) and reports how it ended, transport failures included. */
function attempt(method: "GET" | "POST", path: string, body?: unknown) {
  type Outcome = { status: number; headers: IncomingHttpHeaders; text: string; failed: boolean };
  return new Promise<Outcome>((resolve) => {
    const failed = () => resolve({ status: 0, headers: {}, text: "", failed: true });
    const req = httpRequest(
      `${api.url}${path}`,
      {
        method,
        agent: false,
        headers: { authorization: `Bearer ${api.state.partner.apiKey}`, "content-type": "application/json" },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on("data", (c: Buffer) => chunks.push(c));
        res.on("error", failed);
        res.on("aborted", failed);
        res.on("end", () =>
          resolve({
            status: res.statusCode ?? 0,
            headers: res.headers,
            text: Buffer.concat(chunks).toString(),
            failed: false,
          }),
        );
      },
    );
    req.on("error", failed);
    req.end(body === undefined ? undefined : JSON.stringify(body));
  });
}

describe("partner API faults: scripted", () => {
  it("serves 500 INTERNAL_ERROR and 503 SERVICE_UNAVAILABLE envelopes without doing the work", async () => {
    api.faults.next("POST /orders/stars", "server_error");
    api.faults.next("POST /orders/stars", "unavailable");
    const a = await attempt("POST", "/orders/stars", stars);
    const b = await attempt("POST", "/orders/stars", stars);
    expect([a.status, JSON.parse(a.text).error_code]).toEqual([500, "INTERNAL_ERROR"]);
    expect([b.status, JSON.parse(b.text).error_code]).toEqual([503, "SERVICE_UNAVAILABLE"]);
    expect(api.counters.ordersCreated).toBe(0);
    expect((await attempt("POST", "/orders/stars", stars)).status).toBe(201);
  });

  it("serves 429 RATE_LIMITED with the scripted Retry-After", async () => {
    api.faults.next("GET /health", { kind: "rate_limit", retryAfter: 3 });
    api.faults.next("GET /health", "rate_limit");
    const a = await attempt("GET", "/health");
    const b = await attempt("GET", "/health");
    expect([a.status, a.headers["retry-after"], JSON.parse(a.text).error_code]).toEqual([429, "3", "RATE_LIMITED"]);
    expect(b.headers["retry-after"]).toBe("1");
  });

  it("serves a proxy's HTML page with 502", async () => {
    api.faults.next("GET /balance", "html");
    const r = await attempt("GET", "/balance");
    expect(r.status).toBe(502);
    expect(r.headers["content-type"]).toBe("text/html");
    expect(r.text).toMatch(/^<html>/);
  });

  it("truncates the JSON of a 200 answer", async () => {
    api.faults.next("GET /orders", "truncate");
    const r = await attempt("GET", "/orders");
    expect(r.status).toBe(200);
    expect(() => JSON.parse(r.text)).toThrow(SyntaxError);
    expect(r.text.startsWith('{"ok":true')).toBe(true);
  });

  it("breaks the connection in the middle of the body", async () => {
    api.faults.next("GET /orders", "reset");
    const r = await attempt("GET", "/orders");
    expect(r.failed).toBe(true);
  });

  it("drops the response of a request it fully processed", async () => {
    api.faults.next("POST /orders/stars", "drop");
    const r = await attempt("POST", "/orders/stars", stars);
    expect(r.failed).toBe(true);
    expect(api.counters.ordersCreated).toBe(1);
    expect(api.state.orderCount).toBe(1);
  });

  it("delays a request by scripted latency and then answers it", async () => {
    api.faults.next("GET /health", { kind: "latency", ms: 50 });
    const r = await attempt("GET", "/health");
    expect(r.status).toBe(200);
    expect(api.counters.log().map((e) => e.fault)).toEqual(["latency"]);
  });

  it("applies a scripted fault for exactly the next N requests of that route only", async () => {
    api.faults.next("GET /health", "server_error", 2);
    expect(api.faults.pending("GET /health")).toBe(2);
    expect((await attempt("GET", "/balance")).status).toBe(200);
    expect((await attempt("GET", "/health")).status).toBe(500);
    expect((await attempt("GET", "/health")).status).toBe(500);
    expect((await attempt("GET", "/health")).status).toBe(200);
    expect(api.faults.pending()).toBe(0);
  });

  it("applies a wildcard scripted fault to any route", async () => {
    api.faults.next("*", "unavailable");
    expect((await attempt("GET", "/balance")).status).toBe(503);
    expect((await attempt("GET", "/balance")).status).toBe(200);
  });
});

describe("partner API faults: random rates", () => {
  async function statuses(seed: number, n: number): Promise<number[]> {
    const server = await startPartnerApi(new SandboxState({ seed: 1 }), { faultSeed: seed });
    const c = caller(server);
    server.faults.setRates("GET /health", { server_error: 0.3, rate_limit: 0.2, html: 0.1 });
    const out: number[] = [];
    for (let i = 0; i < n; i++) out.push((await c.get("/health")).status);
    await server.close();
    return out;
  }

  it("draws the same faults for the same seed", async () => {
    const a = await statuses(99, 40);
    const b = await statuses(99, 40);
    expect(a).toEqual(b);
    expect(new Set(a)).toEqual(new Set([200, 500, 429, 502]));
  });

  it("stops injecting after clear()", async () => {
    api.faults.setRates("*", { unavailable: 1 });
    expect((await http.get("/health")).status).toBe(503);
    api.faults.clear();
    expect((await http.get("/health")).status).toBe(200);
  });

  it("lets a route's own rates win over the wildcard", async () => {
    api.faults.setRates("*", { unavailable: 1 });
    api.faults.setRates("GET /health", {});
    expect((await http.get("/health")).status).toBe(200);
    expect((await http.get("/balance")).status).toBe(503);
  });
});

describe("partner API faults: error envelopes and the request log", () => {
  it("serves a scripted error envelope of any status and code", async () => {
    api.faults.next("GET /balance", { kind: "error", status: 403, code: "FORBIDDEN", message: "partner suspended" });
    const r = await attempt("GET", "/balance");
    expect([r.status, JSON.parse(r.text)]).toEqual([
      403,
      { ok: false, error_code: "FORBIDDEN", error_message: "partner suspended", data: null },
    ]);
  });

  it("records each request's route, path, key, user agent and fault in arrival order", async () => {
    api.faults.next("GET /orders/{id}", "server_error");
    await attempt("GET", "/orders/7");
    await http.post("/orders/stars", stars, "k-9");
    expect(api.counters.log().map(({ seq, at, ...rest }) => rest)).toEqual([
      {
        route: "GET /orders/{id}",
        method: "GET",
        path: "/api/v1/orders/7",
        idempotencyKey: null,
        userAgent: null,
        fault: "server_error",
      },
      {
        route: "POST /orders/stars",
        method: "POST",
        path: "/api/v1/orders/stars",
        idempotencyKey: "k-9",
        userAgent: expect.any(String),
        fault: null,
      },
    ]);
  });
});
