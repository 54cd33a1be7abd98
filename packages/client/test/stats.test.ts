import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { AuthenticationError, type OpenMoneyClient, OpenMoneyError } from "../src/index.js";
import { sendData, startLocalServer } from "./local-server.js";
import { type Fixture, startFixture } from "./sandbox-fixture.js";

let fx: Fixture;
let client: OpenMoneyClient;
beforeEach(async () => {
  fx = await startFixture();
  client = fx.client({ maxRetries: 0 });
});
afterEach(() => fx.close());

const STATS = "GET /orders/stats/summary";

describe("the stats endpoint is optional", () => {
  it("answers the stats when there are", async () => {
    const answer = await client.orders.optionalStats({ from: "2026-04-01T00:00:00Z", to: "2026-04-17T00:00:00Z" });
    expect(answer.warning).toBeNull();
    expect(answer.stats).toMatchObject({ total_orders: 0, by_status: {} });
  });

  it.each([
    [404, "NOT_FOUND"],
    [405, "METHOD_NOT_ALLOWED"],
    [501, "NOT_IMPLEMENTED"],
  ])("turns %i %s into one warning line", async (status, code) => {
    fx.api.faults.next(STATS, { kind: "error", status, code });
    expect(await client.orders.optionalStats()).toEqual({
      stats: null,
      warning: `control totals skipped: GET /orders/stats/summary answered ${status} ${code} (the API has no stats for this window)`,
    });
  });

  it("turns an answer of another shape into one warning naming the field", async () => {
    const server = await startLocalServer((_req, res) => sendData(res, { count: 12, statuses: {} }));
    const c = fx.client({ baseUrl: `${server.origin}/api/v1` });
    const { warning } = await c.orders.optionalStats();
    await server.close();
    expect(warning).toBe(
      "control totals skipped: GET /orders/stats/summary answered in a shape omrecon does not read (stats: total_orders is missing (and 1 more))",
    );
  });

  it("never swallows a refused key or an unreachable API", async () => {
    fx.api.faults.next(STATS, { kind: "error", status: 401, code: "UNAUTHORIZED" });
    await expect(client.orders.optionalStats()).rejects.toBeInstanceOf(AuthenticationError);
    fx.api.faults.next(STATS, "drop");
    await expect(client.orders.optionalStats()).rejects.toMatchObject({ name: "ConnectionError" });
  });
});

describe("windows are strict instants", () => {
  it("refuses a from/to without a zone or on an impossible date before sending anything", async () => {
    for (const from of ["2026-04-16", "2026-04-16T12:00:00", "2026-02-30T00:00:00Z", "Dec 4 2026"]) {
      const error = await client.orders.listPage({ from }).catch((e: unknown) => e);
      expect(error, from).toBeInstanceOf(OpenMoneyError);
      expect(error, from).toMatchObject({ code: "usage" });
      expect((error as Error).message, from).toMatch(
        /^GET \/orders: from must be an ISO 8601 date-time with Z or an offset, got /,
      );
    }
    expect(fx.api.counters.requests()).toBe(0);
    await client.orders.listPage({ from: "2026-04-16T14:00:00+02:00", to: new Date("2026-04-17T00:00:00Z") });
    expect(fx.api.counters.log().at(-1)?.path).toBe("/api/v1/orders");
  });
});
