import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { checkMain, runCheck } from "../src/index.js";
import { memoryIo, sandboxFor, writes } from "./fixture.js";

const fast = { client: { retryBaseDelayMs: 1 } };
let stop: (() => Promise<void>) | undefined;
afterEach(async () => {
  await stop?.();
  stop = undefined;
});

describe("check against the default sandbox", () => {
  it("exits 0 (compatible), asks every read-only endpoint once, and writes nothing", async () => {
    const { sb, env } = await sandboxFor();
    stop = sb.stop;
    const report = await runCheck({ env, ...fast });
    expect(report.rows.filter((r) => !["ok", "info"].includes(r.verdict))).toEqual([]);
    expect(report).toMatchObject({ verdict: "compatible", exitCode: 0 });
    const asked = report.rows.filter((r) => r.section === "partner API").map((r) => r.what.split("?")[0]);
    expect(asked).toEqual([
      "GET /health",
      "GET /balance",
      "GET /orders",
      expect.stringMatching(/^GET \/orders\/\d+$/),
      expect.stringMatching(/^GET \/orders\/by-memo\//),
      expect.stringMatching(/^GET \/orders\/by-reference\//),
      "GET /orders/stats/summary",
      "GET /balance/transactions",
      "GET /pricing/ton-rate",
      "GET /pricing/fee",
      "GET /pricing/estimate/stars",
      "GET /pricing/estimate/premium",
      "GET /recipients/stars",
      "GET /recipients/premium",
    ]);
    expect(writes(sb)).toEqual({ posts: 0, created: 0 });
    // The database was looked at, not created.
    expect(existsSync(env.OMRECON_DB!)).toBe(false);
    expect(report.rows.find((r) => r.what === "TON_ENDPOINT")).toMatchObject({ verdict: "ok", status: "200" });
  });

  it("finds the OpenAPI document the sandbox serves and sees it agree", async () => {
    const { sb, env } = await sandboxFor({ openapi: true });
    stop = sb.stop;
    const report = await runCheck({ env, ...fast });
    expect(report.exitCode).toBe(0);
    const doc = report.rows.find((r) => r.what === "OpenAPI document");
    expect(doc?.status).toBe("found");
    expect(doc?.differences[0]).toMatch(
      /\/api\/v1\/openapi\.json \(The Open Money partner API \(omrecon sandbox\) sandbox-spec\): \d+ of 17 endpoints/,
    );
    expect(report.rows.filter((r) => r.section === "OpenAPI").every((r) => ["ok", "info"].includes(r.verdict))).toBe(
      true,
    );
  });
});

describe("check against drifted shapes", () => {
  it("exits 2 against a renamed required field, with a line naming the endpoint and the field", async () => {
    const { sb, env } = await sandboxFor({ shape: "renamed", openapi: true });
    stop = sb.stop;
    const io = memoryIo(env);
    expect(await checkMain([], io)).toBe(2);
    const text = io.err();
    expect(text).toMatch(
      / {2}GET \/orders\?limit=5 +200 +incompatible +price_ton is missing; the answer has price \(renamed\?\) \(5 objects, first order \d+ \(item 1\)\)/,
    );
    expect(text).toMatch(
      /GET \/orders\/\d+ +200 +incompatible +price_ton is missing; the answer has price \(renamed\?\) \(order \d+\)/,
    );
    expect(text).toMatch(
      /OpenAPI: GET \/orders +documented +warning +price_ton is not in the document; it has price \(renamed\?\) — omrecon needs it/,
    );
    expect(text).toMatch(/^incompatible: omrecon cannot work with this API/m);
    expect(io.out()).toBe("");
    expect(writes(sb)).toEqual({ posts: 0, created: 0 });
  });

  it("exits 2 against string ids and zone-less times, naming the field", async () => {
    for (const [shape, line] of [
      ["mistyped", /id is a string \("\d+"\), not an integer/],
      ["zoneless", /created_at is "[\d\-T:]+": [\d\-T:]+ has no time zone \(add Z or an offset like \+02:00\)/],
    ] as const) {
      const { sb, env } = await sandboxFor({ shape });
      const report = await runCheck({ env, ...fast });
      await sb.stop();
      expect(report.exitCode, shape).toBe(2);
      const orders = report.rows.find((r) => r.what === "GET /orders?limit=5")!;
      expect(orders.verdict, shape).toBe("incompatible");
      expect(orders.differences.join("\n"), shape).toMatch(line);
    }
  });

  it("exits 0 where omrecon tolerates the drift, and says what it tolerated", async () => {
    for (const [shape, note] of [
      ["order-id", "id is sent as order_id (accepted)"],
      ["no-total", "data.total is absent (accepted: the walk reads to a short page)"],
      ["bare-array", "data is the list itself, without a total (accepted: the walk reads to a short page)"],
      ["wrapped", "data.results holds the list (accepted)"],
    ] as const) {
      const { sb, env } = await sandboxFor({ shape });
      const report = await runCheck({ env, ...fast });
      await sb.stop();
      expect(report.exitCode, shape).toBe(0);
      const orders = report.rows.find((r) => r.what === "GET /orders?limit=5")!;
      expect(orders.verdict, shape).toBe("info");
      expect(orders.differences.join("\n"), shape).toContain(note);
    }
  });

  it("exits 1 against the page's example: no stats endpoint, the rest as the page shows it", async () => {
    const { sb, env } = await sandboxFor({ shape: "page", openapi: true });
    stop = sb.stop;
    const report = await runCheck({ env, ...fast });
    expect(report).toMatchObject({ verdict: "warnings", exitCode: 1 });
    const warned = report.rows.filter((r) => r.verdict === "warning");
    expect(warned.map((r) => r.what.split("?")[0])).toEqual([
      "GET /orders/stats/summary",
      "OpenAPI: GET /orders/stats/summary",
    ]);
    expect(warned[0]?.differences).toEqual([
      "404 NOT_FOUND: no such endpoint: GET /api/v1/orders/stats/summary — no stats: control totals will be skipped (reconcile says so once per run)",
    ]);
    const orders = report.rows.find((r) => r.what === "GET /orders?limit=5")!;
    expect(orders.differences).toContain(
      "absent, read as null (optional): stars_amount, premium_months, payment_method, payment_currency, client_reference, tx_hash, updated_at, paid_at, completed_at",
    );
  });
});

describe("check when something is wrong before the answers", () => {
  it("exits 2 when the key is refused, and asks nothing more", async () => {
    const { sb, env } = await sandboxFor();
    stop = sb.stop;
    const report = await runCheck({ env: { ...env, OPENMONEY_API_KEY: "osk_not_the_right_one" }, ...fast });
    expect(report.exitCode).toBe(2);
    expect(report.rows.find((r) => r.what === "GET /health")).toMatchObject({
      verdict: "incompatible",
      differences: ["the API refused the key (401 UNAUTHORIZED: missing or invalid API key): check OPENMONEY_API_KEY"],
    });
    expect(sb.counters.api.requests()).toBe(1);
    expect(JSON.stringify(report)).not.toContain("osk_not_the_right_one");
  });

  it("exits 2 when the API does not answer, and when the key is missing or not shaped osk_…", async () => {
    const { sb, env } = await sandboxFor();
    await sb.stop();
    const gone = await runCheck({ env, client: { retryBaseDelayMs: 1, maxRetries: 0 } });
    expect(gone.exitCode).toBe(2);
    expect(gone.rows.find((r) => r.what === "GET /health")?.verdict).toBe("unreachable");
    expect(gone.rows.find((r) => r.what === "TON_ENDPOINT")?.verdict).toBe("unreachable");
    const { OPENMONEY_API_KEY: _, ...noKey } = env;
    expect((await runCheck({ env: noKey })).rows).toEqual([
      {
        section: "settings",
        what: "settings",
        status: "unusable",
        verdict: "incompatible",
        differences: [
          "OPENMONEY_API_KEY is not set; export it (or OPENMONEY_API_KEY_FILE) with your partner key osk_…",
        ],
      },
    ]);
    expect((await runCheck({ env: { ...env, OPENMONEY_API_KEY: "sk_live_123" } })).exitCode).toBe(2);
  });

  it("says when the database path cannot be created", async () => {
    const { sb, env } = await sandboxFor();
    stop = sb.stop;
    const report = await runCheck({ env: { ...env, OMRECON_DB: "/dev/null/omrecon.sqlite" }, ...fast });
    expect(report.rows.find((r) => r.what === "OMRECON_DB")).toMatchObject({
      verdict: "incompatible",
      status: "cannot create",
    });
    expect(report.exitCode).toBe(2);
  });
});

describe("--json and --save-samples", () => {
  it("prints one JSON document on stdout, and saves every answer without the key", async () => {
    const { sb, env } = await sandboxFor();
    stop = sb.stop;
    // An API that echoes the key in an answer: the sample must not keep it.
    sb.faults.api.next("GET /pricing/fee", {
      kind: "error",
      status: 422,
      code: "VALIDATION_ERROR",
      message: `bad ${sb.apiKey}`,
    });
    const dir = join(env.OMRECON_DB!, "..", "..", "samples");
    const io = memoryIo(env);
    expect(await checkMain(["--json", "--save-samples", dir], io)).toBe(1);
    expect(io.err()).toBe("");
    const doc = JSON.parse(io.out());
    expect(doc).toMatchObject({ verdict: "warnings", exit_code: 1, samples_dir: dir, base_url: sb.apiUrl });
    expect(doc.rows.find((r: { what: string }) => r.what === "GET /pricing/fee")).toMatchObject({ verdict: "warning" });
    const files = readdirSync(dir).sort();
    expect(files).toHaveLength(15);
    expect(files).toContain("index.json");
    const all = files.map((f) => readFileSync(join(dir, f), "utf8")).join("\n");
    expect(all).not.toContain(sb.apiKey);
    expect(all).toContain("bad [REDACTED]");
    const balance = files.find((f) => f.endsWith("get-balance.json"))!;
    expect(JSON.parse(readFileSync(join(dir, balance), "utf8")).data.topup_address).toBe(sb.partner.topupAddress);
  });

  it("prints its help", async () => {
    const io = memoryIo({});
    expect(await checkMain(["--help"], io)).toBe(0);
    expect(io.out()).toContain("Usage: omrecon check");
    await expect(checkMain(["--bogus"], io)).rejects.toThrow(/Unknown option '--bogus'/);
  });
});
