import { spawnSync } from "node:child_process";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { hostname } from "node:os";
import { type Receiver, startReceiver } from "@omrecon/sandbox";
import {
  deleteSyncState,
  getRun,
  insertRun,
  listRuns,
  openStore,
  recordCompletePass,
  SYNC_STATE_KEYS,
  setSyncState,
  takeLock,
  writeTransaction,
} from "@omrecon/store";
import { testDatabase } from "@omrecon/store/testing";
import { afterEach, beforeEach, expect, it } from "vitest";
import { type ReconcileContext, ReconcileInterruptedError, reconcile } from "../src/index.js";
import { alertsTo } from "./alerts.js";
import { at, input, ledger, order, TOPUP, ton, transfer } from "./match-fixtures.js";
import { describeEachDialect, putLedger, putOrders, putTransfers, tempStore } from "./store-fixtures.js";

const window = input().window;
const options = { from: new Date(window.from), to: new Date(window.to) };
const NOW = at(200);

/** The pid of a process that has ended. */
function deadPid(): number {
  const child = spawnSync(process.execPath, ["-e", "process.stdout.write(String(process.pid))"], { encoding: "utf8" });
  return Number(child.stdout);
}

function recordingLogger(lines: string[]) {
  const log = (level: string) => (message: string, fields?: Record<string, unknown>) =>
    lines.push(`${level} ${message}${fields ? ` ${JSON.stringify(fields)}` : ""}`);
  return { debug: log("debug"), info: log("info"), warn: log("warn"), error: log("error") };
}

describeEachDialect("reconcile: runs that never block or mislead the next", (dialect) => {
  let receiver: Receiver;
  beforeEach(async () => {
    receiver = await startReceiver();
  });
  afterEach(async () => {
    await receiver.close();
  });

  /** An underpaid order, an orphan transfer and a top-up without its credit. */
  async function world(path?: string) {
    const store = path ? await openStore(path) : await tempStore(dialect);
    await putOrders(store, [order(1), order(2)]);
    await putTransfers(store, [
      transfer({ comment: "STARS-1" }),
      transfer({ comment: "stars-2", value_nano: ton("0.4") }),
      transfer({ comment: "NOBODY-9" }),
      transfer({ comment: null, address: TOPUP.toRawString(), value_nano: ton(5) }),
    ]);
    await putLedger(store, [ledger(1, "adjustment", "10", "10")], ton(10));
    const lines: string[] = [];
    const ctx: ReconcileContext = {
      store,
      alerts: alertsTo(store, receiver.url),
      now: () => new Date(NOW),
      logger: recordingLogger(lines),
    };
    return { store, ctx, lines };
  }

  it("fails a run whose process died holding the lock, naming the process, and runs at once", async () => {
    const { store, ctx, lines } = await world();
    const pid = deadPid();
    const dead = `${hostname()}:${pid}:deadbeef`;
    await takeLock(store.db, { name: "reconcile", owner: dead, heartbeat: false, ttlMs: 3_600_000 });
    const left = await insertRun(store.db, {
      started_at: at(100),
      window_from: window.from,
      window_to: window.to,
      as_of: window.to,
      options: {},
      lock_owner: dead,
    });
    const outcome = await reconcile(ctx, options);
    expect(await getRun(store.db, left)).toMatchObject({
      status: "failed",
      error: `abandoned: its process ${pid} on ${hostname()} died`,
    });
    expect((await getRun(store.db, outcome.runId))?.status).toBe("done");
    expect(lines.some((l) => l.startsWith(`warn took over the reconcile lock: its process ${pid}`))).toBe(true);
    await store.close();
  });

  it("fails a run whose lock expired elsewhere, and one an older omrecon left running without an owner", async () => {
    const { store, ctx } = await world();
    const elsewhere = "batch-7.example:31337:0ddba11";
    const ancient = await insertRun(store.db, {
      started_at: at(50),
      window_from: window.from,
      window_to: window.to,
      as_of: window.to,
      options: {},
    });
    const left = await insertRun(store.db, {
      started_at: at(100),
      window_from: window.from,
      window_to: window.to,
      as_of: window.to,
      options: {},
      lock_owner: elsewhere,
    });
    // Its last heartbeat was long enough ago for its lock to have expired.
    await takeLock(store.db, { name: "reconcile", owner: elsewhere, heartbeat: false, ttlMs: -1 });
    await reconcile(ctx, options);
    expect((await getRun(store.db, left))?.error).toMatch(
      /^abandoned: its process 31337 on batch-7\.example stopped refreshing its lock \(expired at /,
    );
    expect((await getRun(store.db, ancient))?.error).toBe(
      "abandoned: the process that ran it ended without recording an outcome",
    );
    await store.close();
  });

  it("stops at a safe point when signalled: recorded interrupted, nothing applied, exit 143, the lock free", async () => {
    const { store, ctx } = await world();
    const stop = new AbortController();
    const interrupted = await reconcile(
      {
        ...ctx,
        signal: stop.signal,
        fetchStats: async () => {
          stop.abort("SIGTERM");
          return { total_orders: 2, by_status: { completed: 2 } };
        },
      },
      options,
    ).catch((e: unknown) => e);
    expect(interrupted).toBeInstanceOf(ReconcileInterruptedError);
    expect(interrupted).toMatchObject({ code: "interrupted", exitCode: 143 });
    expect((interrupted as Error).message).toBe(
      "stopped by SIGTERM before the run was applied; it is recorded as interrupted, run reconcile again",
    );
    const [run] = await listRuns(store.db);
    expect(run).toMatchObject({ status: "interrupted", findings: 0n });
    expect(receiver.received).toHaveLength(0);
    // SIGINT is 130; and the next run starts at once and finds everything.
    const sigint = new AbortController();
    sigint.abort("SIGINT");
    await expect(reconcile({ ...ctx, signal: sigint.signal }, options)).rejects.toMatchObject({ exitCode: 130 });
    const next = await reconcile(ctx, options);
    expect(next.findings.map((f) => f.kind).sort()).toEqual(["orphan_transfer", "topup_without_credit", "underpaid"]);
    await store.close();
  });

  it("keeps a finished run's result when releasing the lock fails, and says so", async () => {
    const path = await dialect.location();
    const { store, ctx, lines } = await world(path);
    await store.close();
    // A short busy timeout: the release meets another writer and gives up, as a full disk fails it.
    const impatient = await openStore(path, { busyTimeoutMs: 50 });
    const other = await openStore(path);
    let unblock!: () => void;
    const blocked = new Promise<void>((resolve) => {
      unblock = resolve;
    });
    let holding: Promise<void> | undefined;
    // The alert is the last thing a run awaits before it releases: the webhook answers only once
    // another connection holds the database's write lock.
    const hook = createServer((req, res) => {
      req.resume();
      req.on("end", () => {
        let begun!: () => void;
        const started = new Promise<void>((r) => {
          begun = r;
        });
        // SQLite: the database's write lock. Postgres: the lock row itself (the release is one DELETE
        // outside any write transaction, so only a lock on its row can keep it waiting).
        holding =
          dialect.name === "sqlite"
            ? writeTransaction(other.db, async () => {
                begun();
                await blocked;
              })
            : testDatabase(other)
                .db.transaction()
                .execute(async (trx) => {
                  await trx.selectFrom("locks").selectAll().forUpdate().execute();
                  begun();
                  await blocked;
                });
        void started.then(() => res.end("ok"));
      });
    });
    await new Promise<void>((r) => hook.listen(0, "127.0.0.1", r));
    const url = `http://127.0.0.1:${(hook.address() as AddressInfo).port}/hook`;
    const outcome = await reconcile({ ...ctx, store: impatient, alerts: alertsTo(impatient, url) }, options);
    unblock();
    await holding;
    expect(outcome.alerts).toMatchObject({ sent: 1 });
    expect(outcome.totals.findings).toBe(3);
    expect((await getRun(impatient.db, outcome.runId))?.status).toBe("done");
    expect(
      lines.some((l) => l.startsWith("warn could not release the reconcile lock; the next run takes it over")),
    ).toBe(true);
    await new Promise<void>((r) => hook.close(() => r()));
    await impatient.close();
    await other.close();
  });
});

describeEachDialect("reconcile: a mirror the last sync did not finish", (dialect) => {
  let receiver: Receiver;
  beforeEach(async () => {
    receiver = await startReceiver();
  });
  afterEach(async () => {
    await receiver.close();
  });

  async function world() {
    const store = await tempStore(dialect);
    await putOrders(store, [order(1), order(2)]);
    await putTransfers(store, [
      transfer({ comment: "stars-2", value_nano: ton("0.4") }),
      transfer({ comment: "NOBODY-9" }),
      transfer({ comment: "STARS-1" }),
    ]);
    const lines: string[] = [];
    const ctx: ReconcileContext = {
      store,
      alerts: alertsTo(store, receiver.url),
      now: () => new Date(NOW),
      logger: recordingLogger(lines),
    };
    return { store, ctx, lines };
  }

  const posted = (i: number) =>
    JSON.parse(receiver.received[i]!.body).data.findings.map((f: { kind: string }) => f.kind);

  it("warns, lists everything, alerts only what the gap cannot cause, records why; a complete mirror then alerts the rest", async () => {
    const { store, ctx } = await world();
    await setSyncState(store.db, SYNC_STATE_KEYS.ordersWalk, { kind: "full", from: null, to: NOW, offset: 3000 });
    const first = await reconcile(ctx, options);
    const reason = "the last sync pass did not finish: its full walk of the orders stopped after 3,000 orders";
    expect(first.mirrorIncomplete).toBe(reason);
    expect(first.warnings).toEqual([
      `mirror incomplete: ${reason}; findings it can cause (orphan transfers, debit mismatches, ledger and control-total findings) are listed but not alerted; run sync, then reconcile again`,
    ]);
    expect(first.findings.map((f) => [f.kind, f.new, f.held_back])).toEqual([
      ["underpaid", true, false],
      ["orphan_transfer", true, true],
    ]);
    expect(receiver.received).toHaveLength(1);
    expect(posted(0)).toEqual(["underpaid"]);
    const run = await getRun(store.db, first.runId);
    expect(run).toMatchObject({ status: "done", mirror_incomplete: reason });
    expect(JSON.parse(run!.warnings)).toEqual(first.warnings);

    // Still incomplete: the orphan stays new (never announced) and is still held back.
    const second = await reconcile(ctx, options);
    expect(second.findings.map((f) => [f.kind, f.new, f.held_back])).toEqual([
      ["orphan_transfer", true, true],
      ["underpaid", false, false],
    ]);
    expect(receiver.received).toHaveLength(1);

    // The sync finishes: the orphan is real, announced now, once.
    await deleteSyncState(store.db, SYNC_STATE_KEYS.ordersWalk);
    await recordCompletePass(store.db, new Date(NOW));
    const complete = await reconcile(ctx, options);
    expect(complete.mirrorIncomplete).toBeNull();
    expect(complete.warnings).toEqual([]);
    expect(complete.findings.map((f) => [f.kind, f.new, f.held_back])).toEqual([
      ["orphan_transfer", true, false],
      ["underpaid", false, false],
    ]);
    expect(receiver.received).toHaveLength(2);
    expect(posted(1)).toEqual(["orphan_transfer"]);
    expect((await reconcile(ctx, options)).findings.every((f) => !f.new)).toBe(true);
    expect(receiver.received).toHaveLength(2);
    await store.close();
  });

  it("calls a mirror incomplete when no pass ever finished, when the ledger walk stopped, or when the last pass is too old", async () => {
    const { store, ctx } = await world();
    await deleteSyncState(store.db, SYNC_STATE_KEYS.lastCompletePass);
    expect((await reconcile(ctx, options)).mirrorIncomplete).toBe("no sync pass has finished on this database");

    await recordCompletePass(store.db, new Date(Date.parse(NOW) - 30 * 3_600_000));
    expect((await reconcile(ctx, options)).mirrorIncomplete).toBe(
      `the last complete sync pass started 30 h ago (${new Date(Date.parse(NOW) - 30 * 3_600_000).toISOString()}), more than 26 h`,
    );
    expect((await reconcile(ctx, { ...options, maxSyncAgeMs: 48 * 3_600_000 })).mirrorIncomplete).toBeNull();

    await setSyncState(store.db, SYNC_STATE_KEYS.ledgerWalk, { offset: 200, stopAtId: "17" });
    expect((await reconcile(ctx, { ...options, maxSyncAgeMs: 48 * 3_600_000 })).mirrorIncomplete).toBe(
      "the last sync pass did not finish: its walk of the balance ledger stopped after 200 rows",
    );
    await store.close();
  });
});
