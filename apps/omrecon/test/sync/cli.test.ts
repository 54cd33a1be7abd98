import { type Sandbox, startSandbox } from "@omrecon/sandbox";
import { getSyncState, listOrders, openStore } from "@omrecon/store";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { dumpMirror, run, start, tempDb, until } from "./helpers.js";

describe("omrecon sync (built CLI)", () => {
  let sandbox: Sandbox;
  let env: (db: string) => Record<string, string>;
  beforeAll(async () => {
    sandbox = await startSandbox({ seed: 11, orders: 1500, days: 20 });
    env = (db) => ({ OPENMONEY_BASE_URL: sandbox.apiUrl, OPENMONEY_API_KEY: sandbox.apiKey, OMRECON_DB: db });
  });
  afterAll(async () => {
    await sandbox.stop();
  });

  it("prints exactly one JSON document with --json and exits 0", async () => {
    const r = await run(["--json"], env(tempDb()));
    expect(r.status).toBe(0);
    const doc = JSON.parse(r.stdout);
    expect(Object.keys(doc)).toEqual(
      expect.arrayContaining(["orders", "balance_transactions", "requests", "duration_ms"]),
    );
    expect(doc.orders).toEqual({ fetched: 1500, inserted: 1500, updated: 0 });
    expect(Object.keys(doc.balance_transactions)).toEqual(["fetched", "inserted"]);
    expect(r.stdout.trim().split("\n")).toHaveLength(1);
  });

  it("prints one human summary line without --json", async () => {
    const db = tempDb();
    await run([], env(db));
    const r = await run(["--lookback-days", "3"], env(db));
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/^sync incremental: orders \d+ fetched, 0 new, 0 changed; .* requests in [\d.]+s\n$/);
  });

  it("exits 2 with one line naming OPENMONEY_API_KEY when the key is refused, never printing the key", async () => {
    const key = "osk_definitely_not_the_key_123";
    const r = await run([], { ...env(tempDb()), OPENMONEY_API_KEY: key });
    expect(r.status).toBe(2);
    expect(r.stdout).toBe("");
    expect(r.stderr.trim().split("\n")).toHaveLength(1);
    expect(r.stderr).toMatch(/^omrecon sync: .*OPENMONEY_API_KEY/);
    expect(r.stderr).not.toContain(key);
  });

  it("exits 2 for bad flags and settings, with one line each", async () => {
    const cases: [string[], Record<string, string>, RegExp][] = [
      [["--bogus"], {}, /Unknown option '--bogus'/],
      [["--lookback-days", "x"], {}, /--lookback-days must be a whole number/],
      [["--cron", "at two"], {}, /--cron must be a cron expression/],
      [["--tz", "Europe/Berlin"], {}, /--tz applies only with --cron/],
      [["--cron", "0 2 * * *", "--tz", "Mars/Olympus"], {}, /--tz must be an IANA time zone/],
      [[], { OPENMONEY_API_KEY: "" }, /OPENMONEY_API_KEY is not set/],
    ];
    for (const [args, extra, message] of cases) {
      const r = await run(args, { ...env(tempDb()), ...extra });
      expect(r.status, args.join(" ")).toBe(2);
      expect(r.stderr).toMatch(message);
      expect(r.stderr.trim().split("\n")).toHaveLength(1);
    }
  });

  it("prints help", async () => {
    const r = await run(["--help"], {});
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/^Usage: omrecon sync/);
  });
});

describe.skipIf(!process.env.OMRECON_SLOW_TESTS)("omrecon sync processes (slow)", { timeout: 120_000 }, () => {
  let sandbox: Sandbox;
  let env: (db: string) => Record<string, string>;
  beforeAll(async () => {
    sandbox = await startSandbox({ seed: 12, orders: 2500, days: 20 });
    env = (db) => ({ OPENMONEY_BASE_URL: sandbox.apiUrl, OPENMONEY_API_KEY: sandbox.apiKey, OMRECON_DB: db });
  });
  afterAll(async () => {
    await sandbox.stop();
  });

  it("exits 2 when the service stays down, leaving the mirror at its last committed page", async () => {
    const api = sandbox.faults.api;
    // Three list pages get through; then every request to the list fails.
    api.clear();
    api.next("GET /orders", { kind: "latency", ms: 0 }, 3);
    api.setRates("GET /orders", { unavailable: 1 });
    const db = tempDb();
    const r = await run([], env(db));
    api.clear();
    expect(r.status).toBe(2);
    expect(r.stderr.trim().split("\n").at(-1)).toMatch(/^omrecon sync: service unavailable after retries/);
    const store = await openStore(db);
    expect(await getSyncState(store.db, "orders.walk")).toMatchObject({ kind: "full", offset: 300 });
    expect(await listOrders(store.db)).toHaveLength(300);
    await store.close();

    expect((await run([], env(db))).status).toBe(0);
    const clean = tempDb();
    await run([], env(clean));
    expect(await dumpMirror(db)).toEqual(await dumpMirror(clean));
  });

  it("lets only one of two concurrent processes sync; the other exits 2 without a request", async () => {
    sandbox.faults.api.clear();
    const db = tempDb();
    const before = sandbox.counters.api.requests();
    const first = start(["--json"], env(db));
    await until(() => sandbox.counters.api.requests() > before, "the first process to start syncing");
    // Frozen mid-pass, it still holds the lock (alive, and well within the lock's lifetime).
    first.child.kill("SIGSTOP");
    const second = await run(["--json"], env(db));
    first.child.kill("SIGCONT");
    const done = await first.done;
    expect(second.status).toBe(2);
    expect(second.stdout).toBe("");
    expect(second.stderr).toMatch(/another sync is running \(pid \d+ on /);
    expect(done.status).toBe(0);
    // Every request the sandbox saw was the first process's.
    expect(JSON.parse(done.stdout).requests).toBe(sandbox.counters.api.requests() - before);
  });

  it("in cron mode prints one JSON line per pass and exits 0 on SIGTERM", async () => {
    const db = tempDb();
    const cron = start(["--cron", "* * * * * *", "--tz", "UTC", "--json"], env(db));
    const lines = () =>
      cron
        .stdout()
        .split("\n")
        .filter((l) => l !== "");
    await until(() => lines().length >= 2, "two passes");
    cron.child.kill("SIGTERM");
    const done = await cron.done;
    expect(done.status).toBe(0);
    const passes = lines().map((l) => JSON.parse(l));
    expect(passes[0]).toMatchObject({ mode: "full", orders: { inserted: 2500 } });
    expect(passes[1]).toMatchObject({ mode: "incremental", orders: { inserted: 0, updated: 0 } });
  });

  it("in cron mode a SIGINT during a pass stops it after the current page, and the next run resumes", async () => {
    sandbox.faults.api.clear();
    sandbox.faults.api.setRates("GET /orders", { latencyMs: 100 });
    const db = tempDb();
    const before = sandbox.counters.api.requests("GET /orders");
    const cron = start(["--cron", "* * * * * *", "--json"], env(db));
    await until(() => sandbox.counters.api.requests("GET /orders") >= before + 3, "a pass to be under way");
    cron.child.kill("SIGINT");
    const done = await cron.done;
    sandbox.faults.api.clear();
    expect(done.status).toBe(0);
    const pass = JSON.parse(done.stdout.trim());
    expect(pass.stopped).toBe(true);
    const store = await openStore(db);
    expect(await getSyncState(store.db, "orders.walk")).toMatchObject({ offset: pass.orders.inserted });
    await store.close();
    const rest = await run(["--json"], env(db));
    expect(JSON.parse(rest.stdout).orders.inserted).toBe(2500 - pass.orders.inserted);
  });
});
