import { createHmac } from "node:crypto";
import { deadUrl, type Receiver, startReceiver } from "@omrecon/sandbox";
import { listFindings, listOrderMatches, listRuns, SYNC_STATE_KEYS, setSyncState, takeLock } from "@omrecon/store";
import { afterEach, beforeEach, expect, it } from "vitest";
import { exitStatusOf, humanSummary, type ReconcileContext, reconcile, resolve, runJson } from "../src/index.js";
import { alertsTo } from "./alerts.js";
import { at, input, ledger, order, PAY, TOPUP, ton, transfer } from "./match-fixtures.js";
import { describeEachDialect, putLedger, putOrders, putTransfers, tempStore } from "./store-fixtures.js";

const window = input().window;
const options = { from: new Date(window.from), to: new Date(window.to) };
const SECRET = "whsec-test-1234";

describeEachDialect("reconcile: runs, findings, alerts over a real database", (dialect) => {
  let receiver: Receiver;
  beforeEach(async () => {
    receiver = await startReceiver();
  });
  afterEach(async () => {
    await receiver.close();
  });

  async function world() {
    const store = await tempStore(dialect);
    await putOrders(store, [order(1), order(2), order(3, { status: "pending_payment" })]);
    await putTransfers(store, [
      transfer({ comment: "STARS-1" }),
      transfer({ comment: "stars-2", value_nano: ton("0.4") }),
      transfer({ comment: null, address: TOPUP.toRawString(), value_nano: ton(5) }),
    ]);
    await putLedger(store, [ledger(1, "adjustment", "10", "10")], ton(10));
    const ctx: ReconcileContext = {
      store,
      fetchStats: async () => ({ total_orders: 3, by_status: { completed: 2, pending_payment: 1 } }),
      alerts: alertsTo(store, receiver.url, { secret: SECRET }),
      now: () => new Date(at(200)),
    };
    return { store, ctx };
  }

  it("stores the run, lists new findings, and POSTs them signed as a Standard Webhooks event", async () => {
    const { store, ctx } = await world();
    const outcome = await reconcile(ctx, options);
    expect(outcome.findings.map((f) => [f.key, f.new])).toEqual([
      [expect.stringMatching(/^topup_without_credit:/), true],
      ["underpaid:2", true],
    ]);
    expect(outcome.totals).toEqual({ orders: 3, transfers: 3, matched: 1, findings: 2, new_findings: 2 });
    expect(exitStatusOf(outcome, "warning")).toBe(1);
    expect(exitStatusOf(outcome, "never")).toBe(0);

    const [run] = await listRuns(store.db);
    expect(run).toMatchObject({ status: "done", window_from: window.from, window_to: window.to, findings: 2n });
    const matches = await listOrderMatches(store.db);
    expect(matches.map((m) => [m.order_id, m.reconciliation, m.paid_nano, m.memo_normalized])).toEqual([
      [1n, "matched", ton("0.418"), 0n],
      [2n, "underpaid", ton("0.4"), 1n],
      [3n, "unpaid", null, 0n],
    ]);

    expect(receiver.received).toHaveLength(1);
    const post = receiver.received[0]!;
    const expected = `sha256=${createHmac("sha256", SECRET).update(post.body).digest("hex")}`;
    expect(post.headers["x-omrecon-signature"]).toBe(expected);
    expect(post.headers["content-type"]).toBe("application/json");
    expect(post.headers["webhook-id"]).toMatch(/^msg_[0-9a-f]{32}$/);
    expect(post.headers["webhook-signature"]).toMatch(/^v1,/);
    const body = JSON.parse(post.body);
    expect(body).toMatchObject({ type: "findings.new", data: { run_id: outcome.runId, totals: { new_findings: 2 } } });
    // Most severe first, then most at stake: the 5 TON top-up before the 0.018 TON shortfall.
    expect(body.data.findings.map((f: { key: string }) => f.key)).toEqual([
      expect.stringMatching(/^topup_without_credit:/),
      "underpaid:2",
    ]);
    expect(outcome.alerts).toMatchObject({ sent: 1, pending: 0, error: null });
    await store.close();
  });

  it("gives the same keys on a rerun with no new data, all not new, and sends nothing", async () => {
    const { store, ctx } = await world();
    const first = await reconcile(ctx, options);
    const second = await reconcile(ctx, options);
    expect(second.runId).toBeGreaterThan(first.runId);
    expect(second.findings.map((f) => f.key).sort()).toEqual(first.findings.map((f) => f.key).sort());
    expect(second.findings.every((f) => !f.new)).toBe(true);
    expect(second.totals.new_findings).toBe(0);
    expect(second.alerts).toMatchObject({ sent: 0, pending: 0 });
    expect(receiver.received).toHaveLength(1);
    expect(exitStatusOf(second, "critical")).toBe(1);
    await store.close();
  });

  it("stops listing a resolved finding until its amounts change, then alerts it again", async () => {
    const { store, ctx } = await world();
    await reconcile(ctx, options);
    const r = await resolve(store, { key: "underpaid:2", note: "customer refunded", by: "ana", now: () => new Date() });
    expect(r.status).toBe("resolved");
    const quiet = await reconcile(ctx, options);
    expect(quiet.findings.map((f) => f.kind)).toEqual(["topup_without_credit"]);
    expect(quiet.resolved).toBe(1);
    expect(receiver.received).toHaveLength(1);

    await putTransfers(store, [transfer({ comment: "STARS-2", value_nano: ton("0.01") })]);
    const again = await reconcile(ctx, options);
    expect(again.findings[0]).toMatchObject({ key: "underpaid:2", new: true, received_nano: ton("0.41") });
    expect(receiver.received).toHaveLength(2);
    expect(JSON.parse(receiver.received[1]!.body).data.findings.map((f: { key: string }) => f.key)).toEqual([
      "underpaid:2",
    ]);
    await store.close();
  });

  it("clears a finding the next run no longer finds, says so to the receiver, and alerts it anew if it returns", async () => {
    const { store, ctx } = await world();
    await reconcile(ctx, options);
    // The rest of order 2's price arrives: the underpayment is gone from an order the run covers.
    await putTransfers(store, [transfer({ comment: "STARS-2", value_nano: ton("0.018") })]);
    const paid = await reconcile(ctx, options);
    expect(paid.findings.map((f) => f.key)).not.toContain("underpaid:2");
    expect(paid.cleared.map((f) => f.key)).toEqual(["underpaid:2"]);
    expect(humanSummary(paid)).toContain("1 finding no longer found (cleared)");
    const resolved = JSON.parse(receiver.received.at(-1)!.body);
    expect(resolved).toMatchObject({
      type: "findings.resolved",
      data: { run_id: paid.runId, reason: "no_longer_found" },
    });
    expect(resolved.data.findings.map((f: { key: string }) => f.key)).toEqual(["underpaid:2"]);
    // A run over a window without order 2 clears nothing more; the top-up finding is still open.
    const elsewhere = await reconcile(ctx, {
      from: new Date("2026-06-01T00:00:00Z"),
      to: new Date("2026-06-02T00:00:00Z"),
    });
    expect(elsewhere.cleared).toEqual([]);
    await store.close();
  });

  it("clears nothing on an incomplete mirror: a missing row cannot be told from a fixed problem", async () => {
    const { store, ctx } = await world();
    await reconcile(ctx, options);
    await putTransfers(store, [transfer({ comment: "STARS-2", value_nano: ton("0.018") })]);
    await setSyncState(store.db, SYNC_STATE_KEYS.ordersWalk, { kind: "full", from: null, to: at(200), offset: 10 });
    const incomplete = await reconcile(ctx, options);
    expect(incomplete.mirrorIncomplete).not.toBeNull();
    expect(incomplete.cleared).toEqual([]);
    await store.close();
  });

  it("retries a webhook that answers 503, then delivers", async () => {
    const { store, ctx } = await world();
    receiver.script.push(503, 503);
    const outcome = await reconcile(ctx, options);
    expect(outcome.alerts).toMatchObject({ sent: 1, pending: 0 });
    expect(receiver.received).toHaveLength(3);
    expect(new Set(receiver.received.map((p) => p.body)).size).toBe(1);
    expect(new Set(receiver.received.map((p) => p.headers["webhook-id"])).size).toBe(1);
    await store.close();
  });

  it("keeps the run's result when the webhook is dead or hangs, says so, and sends the alert on the next run", async () => {
    const { store, ctx } = await world();
    const deadAlerts = alertsTo(store, await deadUrl(), { policy: { maxRetries: 1 } });
    const dead = await reconcile({ ...ctx, alerts: deadAlerts }, options);
    expect(dead.alerts).toMatchObject({ sent: 0, failed: 1, pending: 1 });
    expect(dead.totals.findings).toBe(2);
    expect(humanSummary(dead)).toContain("alerts: 1 not delivered yet (OMRECON_WEBHOOK_URL (http://127.0.0.1:");
    expect(humanSummary(dead)).toContain("the next run sends them with the same ids");

    await putTransfers(store, [transfer({ comment: null, value_nano: ton(1) })]);
    receiver.script.push("hang");
    const hung = await reconcile(
      {
        ...ctx,
        alerts: alertsTo(store, receiver.url, { policy: { maxRetries: 0, timeoutMs: 200, deadlineMs: 1_000 } }),
      },
      options,
    );
    expect(hung.alerts).toMatchObject({ sent: 0, failed: 1, pending: 2 });
    expect(hung.totals.new_findings).toBe(1);
    const runs = await listRuns(store.db);
    expect(runs.map((r) => r.status)).toEqual(["done", "done"]);

    // The receiver is back: both alerts go out, the older first, each with the id it was stored with.
    const back = await reconcile(ctx, options);
    expect(back.alerts).toMatchObject({ sent: 2, pending: 0 });
    const delivered = receiver.received.slice(-2).map((p) => JSON.parse(p.body).data.run_id);
    expect(delivered).toEqual([dead.runId, hung.runId]);
    expect(receiver.received.at(-2)!.headers["webhook-id"]).toBe(receiver.received[0]!.headers["webhook-id"]);
    await store.close();
  });

  it("does not retry a webhook that refuses the alert with a 4xx, and keeps it pending", async () => {
    const { store, ctx } = await world();
    receiver.script.push(400);
    const outcome = await reconcile(ctx, options);
    expect(outcome.alerts).toMatchObject({ sent: 0, failed: 1, pending: 1 });
    expect(outcome.alerts?.error).toMatch(/answered HTTP 400/);
    expect(receiver.received).toHaveLength(1);
    await store.close();
  });

  it("goes on without control totals when the stats are unavailable, saying so once as a warning", async () => {
    const { store, ctx } = await world();
    const warning = "control totals skipped: GET /orders/stats/summary answered 404";
    // Stats that disagree with the mirror would be a control_total_mismatch; unavailable ones are not.
    const outcome = await reconcile({ ...ctx, fetchStats: async () => ({ stats: null, warning }) }, options);
    expect(outcome.warnings).toEqual([warning]);
    expect(runJson(outcome).warnings).toEqual([warning]);
    expect(humanSummary(outcome)).toContain(`warning: ${warning}`);
    expect(outcome.findings.some((f) => f.kind === "control_total_mismatch")).toBe(false);
    const mismatched = await reconcile(
      { ...ctx, fetchStats: async () => ({ total_orders: 9, by_status: {} }) },
      options,
    );
    expect(mismatched.warnings).toEqual([]);
    expect(mismatched.findings.some((f) => f.kind === "control_total_mismatch")).toBe(true);
    await store.close();
  });

  it("records a run that could not finish as failed, with its error, and rethrows", async () => {
    const { store, ctx } = await world();
    const failing = {
      ...ctx,
      fetchStats: async () => {
        throw new Error("stats endpoint unreachable");
      },
    };
    await expect(reconcile(failing, options)).rejects.toThrow("stats endpoint unreachable");
    const [run] = await listRuns(store.db);
    expect(run).toMatchObject({ status: "failed", error: "stats endpoint unreachable" });
    expect(receiver.received).toHaveLength(0);
    // The lock was released: the next run goes ahead.
    expect((await reconcile(ctx, options)).totals.findings).toBe(2);
    await store.close();
  });

  it("fails the run, recording why, when some watched address could not be read from the chain", async () => {
    const { store, ctx } = await world();
    const seen: string[][] = [];
    const partial = {
      ...ctx,
      readChain: async (addresses: readonly string[]) => {
        seen.push([...addresses]);
        return {
          status: "partial" as const,
          newTransfers: 0,
          addresses: [{ address: addresses[0]!, status: "failed", error: "TON API answered HTTP 503" }],
        };
      },
    };
    await expect(reconcile(partial, options)).rejects.toThrow(
      /the chain could not be read \(partial, 1 of 2 addresses\)/,
    );
    expect(seen).toEqual([[PAY.toRawString(), TOPUP.toRawString()].sort()]);
    const [run] = await listRuns(store.db);
    expect(run?.status).toBe("failed");
    expect(await listFindings(store.db)).toEqual([]);
    await store.close();
  });

  it("prints the docs/cli.md JSON document: amounts as strings of integers, findings newest knowledge first", async () => {
    const { store, ctx } = await world();
    await reconcile(ctx, options);
    await putTransfers(store, [transfer({ comment: "NOPE" })]);
    const doc = runJson(await reconcile(ctx, options));
    expect(Object.keys(doc)).toEqual(["run_id", "window", "as_of", "totals", "findings", "duration_ms", "warnings"]);
    expect(doc.window).toEqual({ from: "2026-04-16T00:00:00Z", to: "2026-04-17T00:00:00Z" });
    expect(Object.keys(doc.totals)).toEqual(["orders", "transfers", "matched", "findings", "new_findings"]);
    expect(doc.findings.map((f) => [f.kind, f.new])).toEqual([
      ["orphan_transfer", true],
      ["topup_without_credit", false],
      ["underpaid", false],
    ]);
    const underpaid = doc.findings[2]!;
    expect(underpaid).toMatchObject({
      key: "underpaid:2",
      severity: "critical",
      order_id: 2,
      payment_memo: "STARS-2",
      expected_nano: "418000000",
      received_nano: "400000000",
      new: false,
      details: { memo_normalized: true },
    });
    expect(underpaid.tx_hash).toMatch(/^[0-9a-f]{64}$/);
    await store.close();
  });

  it("refuses to run while another reconcile holds the lock", async () => {
    const { store, ctx } = await world();
    await takeLock(store.db, { name: "reconcile", owner: "elsewhere", heartbeat: false });
    await expect(reconcile(ctx, options)).rejects.toThrow(/another reconcile \(elsewhere/);
    await store.close();
  });
});
