import type { Finding } from "@omrecon/core";
import { expect, it } from "vitest";
import {
  getFinding,
  listOpenFindings,
  listRunFindings,
  openStore,
  recordRunFindings,
  resolutionsOf,
  resolveFinding,
  type Store,
} from "../src/index.js";
import { describeEachDialect } from "./helpers.js";

const underpaid = (received: bigint): Finding => ({
  key: "underpaid:10421",
  kind: "underpaid",
  severity: "critical",
  order_id: 10421,
  payment_memo: "STARS-a1b2c3",
  tx_hash: "b".repeat(64),
  expected_nano: 418_000_000n,
  received_nano: received,
  amount_nano: 418_000_000n - received,
  message: `order 10421 received ${received}`,
  details: { memo_normalized: true },
});
const orphan: Finding = {
  key: `orphan_transfer:${"c".repeat(64)}`,
  kind: "orphan_transfer",
  severity: "warning",
  order_id: null,
  payment_memo: null,
  tx_hash: "c".repeat(64),
  expected_nano: null,
  received_nano: null,
  amount_nano: 7_000_000_000n,
  message: "orphan",
};

async function seen(store: Store, runId: number, findings: Finding[]) {
  const at = `2026-04-1${runId}T00:00:00.000Z`;
  return (await recordRunFindings(store.db, runId, at, findings)).map((r) => ({
    key: r.finding.key,
    isNew: r.isNew,
    resolved: r.resolved,
    firstSeenRun: r.firstSeenRun,
  }));
}

describeEachDialect("finding lifecycle", (dialect) => {
  it("is new in the first run that sees it and open, not new, in later runs", async () => {
    const store = await openStore(await dialect.location());
    expect(await seen(store, 1, [underpaid(400_000_000n)])).toEqual([
      { key: "underpaid:10421", isNew: true, resolved: false, firstSeenRun: 1 },
    ]);
    expect(await seen(store, 2, [underpaid(400_000_000n), orphan])).toEqual([
      { key: "underpaid:10421", isNew: false, resolved: false, firstSeenRun: 1 },
      { key: orphan.key, isNew: true, resolved: false, firstSeenRun: 2 },
    ]);
    const row = await getFinding(store.db, "underpaid:10421");
    expect(row).toMatchObject({ first_seen_run: 1n, last_seen_run: 2n, received_nano: 400_000_000n });
    expect(JSON.parse(row!.details)).toEqual({ memo_normalized: true });
    expect(await listRunFindings(store.db, 1)).toEqual([{ key: "underpaid:10421", is_new: true }]);
    expect(await listRunFindings(store.db, 2)).toEqual([
      { key: orphan.key, is_new: true },
      { key: "underpaid:10421", is_new: false },
    ]);
    await store.close();
  });

  it("keeps a resolved finding quiet while its amounts hold, and re-opens it once as new when they change", async () => {
    const store = await openStore(await dialect.location());
    await seen(store, 1, [underpaid(400_000_000n)]);
    const r = await resolveFinding(store.db, {
      key: "underpaid:10421",
      by: "ana",
      note: "refunded by hand",
      at: "2026-04-17T08:00:00.000Z",
    });
    expect(r.status).toBe("resolved");
    expect(await seen(store, 2, [underpaid(400_000_000n)])).toEqual([
      { key: "underpaid:10421", isNew: false, resolved: true, firstSeenRun: 1 },
    ]);
    expect(await seen(store, 3, [underpaid(410_000_000n)])).toEqual([
      { key: "underpaid:10421", isNew: true, resolved: false, firstSeenRun: 1 },
    ]);
    expect(await seen(store, 4, [underpaid(410_000_000n)])).toEqual([
      { key: "underpaid:10421", isNew: false, resolved: false, firstSeenRun: 1 },
    ]);
    await store.close();
  });

  it("lists a run's open findings: resolved ones only while their amounts hold", async () => {
    const store = await openStore(await dialect.location());
    await seen(store, 1, [underpaid(400_000_000n), orphan]);
    await resolveFinding(store.db, {
      key: orphan.key,
      by: "ana",
      note: "our own test transfer",
      at: "2026-04-17T08:00:00.000Z",
    });
    await resolveFinding(store.db, {
      key: "underpaid:10421",
      by: "ana",
      note: "topped up",
      at: "2026-04-17T08:00:00.000Z",
    });
    expect((await listOpenFindings(store.db, 1)).map((f) => f.key)).toEqual([]);
    await seen(store, 2, [underpaid(410_000_000n), orphan]);
    expect((await listOpenFindings(store.db, 2)).map((f) => [f.key, f.received_nano])).toEqual([
      ["underpaid:10421", 410_000_000n],
    ]);
    expect(await listOpenFindings(store.db, 99)).toEqual([]);
    await store.close();
  });

  it("keeps who resolved what, when and why, at which amounts", async () => {
    const store = await openStore(await dialect.location());
    await seen(store, 1, [underpaid(400_000_000n)]);
    await resolveFinding(store.db, {
      key: "underpaid:10421",
      by: "ana",
      note: "refunded",
      at: "2026-04-17T09:00:00.000Z",
    });
    const again = await resolveFinding(store.db, {
      key: "underpaid:10421",
      by: "bo",
      note: "dup",
      at: "2026-04-17T10:00:00.000Z",
    });
    expect(again.status).toBe("already_resolved");
    expect(await resolutionsOf(store.db, "underpaid:10421")).toMatchObject([
      {
        resolved_by: "ana",
        note: "refunded",
        resolved_at: "2026-04-17T09:00:00.000Z",
        expected_nano: 418_000_000n,
        received_nano: 400_000_000n,
      },
    ]);
    await store.close();
  });

  it("says when there is no finding with that key", async () => {
    const store = await openStore(await dialect.location());
    expect(
      await resolveFinding(store.db, { key: "underpaid:1", by: "x", note: "y", at: "2026-04-17T11:00:00.000Z" }),
    ).toEqual({
      status: "not_found",
    });
    await store.close();
  });
});
