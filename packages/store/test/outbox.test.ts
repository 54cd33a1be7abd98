import { expect, it } from "vitest";
import {
  countPendingAlerts,
  enqueueAlerts,
  expireAlerts,
  lastStepRun,
  latestStepRuns,
  listAlerts,
  markAlertDelivered,
  markAlertFailed,
  openStore,
  pendingAlerts,
  recordStepRun,
  writeTransaction,
} from "../src/index.js";
import { describeEachDialect } from "./helpers.js";

const alert = (n: number, created: string) => ({
  id: `msg_${String(n).padStart(32, "0")}`,
  type: "findings.new",
  created_at: created,
  payload: JSON.stringify({ n }),
  run_id: n,
});

describeEachDialect("alert outbox", (dialect) => {
  it("keeps an alert pending, with its attempts and last error, until it is delivered", async () => {
    const store = await openStore(await dialect.location());
    await writeTransaction(store.db, (trx) =>
      enqueueAlerts(trx, [alert(2, "2026-04-16T02:00:00.000Z"), alert(1, "2026-04-15T02:00:00.000Z")]),
    );
    expect((await pendingAlerts(store.db)).map((a) => a.id)).toEqual([alert(1, "").id, alert(2, "").id]);
    expect(await countPendingAlerts(store.db)).toBe(2);

    await markAlertFailed(store.db, alert(1, "").id, {
      at: "2026-04-16T02:01:00.000Z",
      error: "HTTP 503",
      attempts: 3,
    });
    const [first] = await pendingAlerts(store.db);
    expect(first).toMatchObject({ status: "pending", attempts: 3n, last_error: "HTTP 503" });

    await markAlertDelivered(store.db, alert(1, "").id, "2026-04-17T02:00:00.000Z", 1);
    expect((await pendingAlerts(store.db)).map((a) => a.id)).toEqual([alert(2, "").id]);
    const [delivered] = await listAlerts(store.db, { status: "delivered" });
    expect(delivered).toMatchObject({
      id: alert(1, "").id,
      attempts: 4n,
      last_error: null,
      delivered_at: "2026-04-17T02:00:00.000Z",
    });
    // A late failure report never turns a delivered alert back into a pending one.
    await markAlertFailed(store.db, alert(1, "").id, { at: "2026-04-17T03:00:00.000Z", error: "x", attempts: 1 });
    expect((await listAlerts(store.db, { status: "delivered" }))[0]?.attempts).toBe(4n);
    await store.close();
  });

  it("expires pending alerts decided before a time, and lists them as expired", async () => {
    const store = await openStore(await dialect.location());
    await enqueueAlerts(store.db, [alert(1, "2026-04-01T00:00:00.000Z"), alert(2, "2026-04-16T00:00:00.000Z")]);
    const expired = await expireAlerts(store.db, "2026-04-09T00:00:00.000Z", "2026-04-16T00:00:00.000Z");
    expect(expired.map((a) => a.id)).toEqual([alert(1, "").id]);
    expect((await listAlerts(store.db, { status: "expired" })).map((a) => a.id)).toEqual([alert(1, "").id]);
    expect((await listAlerts(store.db)).map((a) => a.id)).toEqual([alert(2, "").id, alert(1, "").id]);
    expect(await countPendingAlerts(store.db)).toBe(1);
    await store.close();
  });

  it("refuses a second alert with the same id (an id is one delivery, whatever its attempts)", async () => {
    const store = await openStore(await dialect.location());
    await enqueueAlerts(store.db, [alert(1, "2026-04-01T00:00:00.000Z")]);
    await expect(enqueueAlerts(store.db, [alert(1, "2026-04-02T00:00:00.000Z")])).rejects.toThrow();
    await store.close();
  });
});

describeEachDialect("step runs", (dialect) => {
  it("gives each step's last run and last success, whatever order they were recorded in", async () => {
    const store = await openStore(await dialect.location());
    const run = (id: string, step: string, started: string, status: "ok" | "failed", exit = status === "ok" ? 0 : 2) =>
      recordStepRun(store.db, {
        id,
        step,
        started_at: started,
        finished_at: started,
        status,
        exit_code: exit,
        error: status === "failed" ? "the chain could not be read" : null,
        duration_ms: 1200,
        counts: { orders_read: 3 },
      });
    await run("a", "sync", "2026-04-15T02:00:00.000Z", "ok");
    await run("c", "sync", "2026-04-17T02:00:00.000Z", "failed");
    await run("b", "sync", "2026-04-16T02:00:00.000Z", "ok");
    await run("d", "reconcile", "2026-04-16T02:10:00.000Z", "ok", 1);
    const history = await latestStepRuns(store.db);
    expect(history.map((h) => [h.step, h.last.id, h.lastSuccess?.id])).toEqual([
      ["reconcile", "d", "d"],
      ["sync", "c", "b"],
    ]);
    expect(history[1]?.last).toMatchObject({ status: "failed", exit_code: 2n, error: "the chain could not be read" });
    expect(JSON.parse(history[1]!.last.counts)).toEqual({ orders_read: 3 });
    expect((await lastStepRun(store.db, "sync"))?.id).toBe("c");
    expect(await lastStepRun(store.db, "report")).toBeUndefined();
    await store.close();
  });
});
