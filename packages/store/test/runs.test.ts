import { expect, it } from "vitest";
import {
  failRun,
  finishRun,
  getRun,
  insertRun,
  latestRun,
  listOrderMatches,
  openStore,
  saveOrderMatches,
} from "../src/index.js";
import { describeEachDialect } from "./helpers.js";

const newRun = {
  started_at: "2026-04-17T02:00:00.000Z",
  window_from: "2026-04-10T00:00:00.000Z",
  window_to: "2026-04-17T00:00:00.000Z",
  as_of: "2026-04-17T00:00:00.000Z",
  options: { tolerance_nano: "0", grace_minutes: 30 },
};

describeEachDialect("runs", (dialect) => {
  it("records a run as running, then done with its totals and duration", async () => {
    const store = await openStore(await dialect.location());
    const id = await insertRun(store.db, newRun);
    expect((await getRun(store.db, id))?.status).toBe("running");
    const totals = { orders: 10, transfers: 9, matched: 8, findings: 2, new_findings: 1 };
    await finishRun(store.db, id, { finished_at: "2026-04-17T02:00:01.000Z", duration_ms: 1000, totals });
    const row = await getRun(store.db, id);
    expect(row).toMatchObject({ status: "done", orders: 10n, transfers: 9n, new_findings: 1n, duration_ms: 1000n });
    expect(JSON.parse(row!.options)).toEqual(newRun.options);
    await store.close();
  });

  it("keeps a failed run with its error, and finds the latest run by status", async () => {
    const store = await openStore(await dialect.location());
    const a = await insertRun(store.db, newRun);
    await finishRun(store.db, a, {
      finished_at: "2026-04-17T02:00:01.000Z",
      duration_ms: 1,
      totals: { orders: 0, transfers: 0, matched: 0, findings: 0, new_findings: 0 },
    });
    const b = await insertRun(store.db, newRun);
    await failRun(store.db, b, { finished_at: "2026-04-17T02:00:02.000Z", duration_ms: 2, error: "chain unreachable" });
    expect(Number((await latestRun(store.db))?.id)).toBe(b);
    expect(Number((await latestRun(store.db, "done"))?.id)).toBe(a);
    expect((await getRun(store.db, b))?.error).toBe("chain unreachable");
    await store.close();
  });

  it("keeps one conclusion per order: the latest run's", async () => {
    const store = await openStore(await dialect.location());
    const match = {
      order_id: 7,
      paid_nano: 418_000_000n,
      covering: ["a".repeat(64)],
      completing_tx_hash: "a".repeat(64),
      memo_normalized: true,
      reconciliation: "matched",
    };
    await saveOrderMatches(store.db, 1, [match, { ...match, order_id: 8, paid_nano: null, reconciliation: "unpaid" }]);
    await saveOrderMatches(store.db, 2, [{ ...match, reconciliation: "duplicate_payment" }]);
    const rows = await listOrderMatches(store.db);
    expect(rows.map((r) => [r.order_id, r.run_id, r.paid_nano, r.reconciliation, r.memo_normalized])).toEqual([
      [7n, 2n, 418_000_000n, "duplicate_payment", 1n],
      [8n, 1n, null, "unpaid", 1n],
    ]);
    expect(JSON.parse(rows[0]!.covering_hashes)).toEqual(["a".repeat(64)]);
    await store.close();
  });
});
