import type { ExpectedFinding } from "@omrecon/sandbox";
import { type Receiver, startReceiver } from "@omrecon/sandbox";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ListedFinding } from "../src/index.js";
import { everyKind, startHarness } from "./sandbox-harness.js";
import { describeEachDialect } from "./store-fixtures.js";

/** The fields the ground truth pins, in its order. */
function pinned(f: ListedFinding | ExpectedFinding) {
  return {
    key: f.key,
    kind: f.kind,
    severity: f.severity,
    order_id: f.order_id,
    payment_memo: f.payment_memo,
    tx_hash: f.tx_hash,
    expected_nano: f.expected_nano,
    received_nano: f.received_nano,
  };
}
const byKey = (a: { key: string }, b: { key: string }) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0);

describeEachDialect("reconcile over a sandbox world equals its ground truth", (dialect) => {
  let receiver: Receiver;
  beforeAll(async () => {
    receiver = await startReceiver();
  });
  afterAll(async () => {
    await receiver.close();
  });

  it.each([1, 2, 3, "omrecon"])(
    "reports exactly the planted findings, no more, for seed %s, then nothing new on a rerun",
    async (seed) => {
      const h = await startHarness({ seed, orders: 400, days: 7, plant: everyKind(2), tricky: true }, dialect);
      try {
        const first = await h.syncAndReconcile(receiver.url);
        const truth = h.sb.truth.findings.map(pinned).sort(byKey);
        expect(first.findings.map(pinned).sort(byKey)).toEqual(truth);
        expect(first.findings.every((f) => f.new)).toBe(true);
        // Every finding says what is at stake (the sandbox's stats carry a volume, so control totals too).
        expect(first.findings.filter((f) => f.amount_nano === null || f.amount_nano < 0n)).toEqual([]);
        expect(first.totals).toMatchObject({ orders: 400, findings: truth.length, new_findings: truth.length });

        // Every tricky case passes without a finding on its order or its transactions.
        for (const t of h.sb.truth.tricky) {
          if (t.order_id !== null) expect(first.findings.filter((f) => f.order_id === t.order_id)).toEqual([]);
          for (const hash of t.tx_hashes) expect(first.findings.filter((f) => f.tx_hash === hash)).toEqual([]);
        }

        const posts = receiver.received.length;
        const again = await h.syncAndReconcile(receiver.url);
        expect(again.findings.map((f) => f.key).sort()).toEqual(truth.map((f) => f.key));
        expect(again.findings.filter((f) => f.new)).toEqual([]);
        expect(again.alerts).toMatchObject({ sent: 0, pending: 0 });
        expect(receiver.received.length).toBe(posts);
      } finally {
        await h.close();
      }
    },
  );

  it("alerts only what is new after the world changes: a duplicate payment and an uncredited top-up", async () => {
    const h = await startHarness({ seed: 7, orders: 300, days: 3, plant: everyKind(1), tricky: true }, dialect);
    try {
      const first = await h.syncAndReconcile(receiver.url);
      const before = receiver.received.length;
      const completed = h.sb.world.orders.find(
        (o) =>
          o.status === "completed" &&
          o.payment_method === "ton_memo" &&
          !first.findings.some((f) => f.order_id === o.id),
      )!;
      h.sb.advance(60_000);
      const dup = h.sb.payOrder(completed.id);
      const topup = h.sb.topUp(5_000_000_000n, { credit: false });

      const next = await h.syncAndReconcile(receiver.url);
      const fresh = next.findings.filter((f) => f.new).map((f) => f.key);
      expect(fresh.sort()).toEqual([`duplicate_payment:${dup.hashHex}`]);
      // The top-up came after the window's end: it belongs to the next window, not this one.
      expect(next.findings.some((f) => f.tx_hash === topup.tx.hashHex)).toBe(false);
      expect(next.findings.length).toBe(first.findings.length + 1);
      expect(receiver.received.length).toBe(before + 1);
      const body = JSON.parse(receiver.received.at(-1)!.body);
      expect(body.data.findings.map((f: { key: string }) => f.key)).toEqual([`duplicate_payment:${dup.hashHex}`]);
      expect(body.data.findings[0]).toMatchObject({
        order_id: completed.id,
        expected_nano: String(completed.price_nano),
      });
    } finally {
      await h.close();
    }
  });

  describe.skipIf(!process.env.OMRECON_SLOW_TESTS)("at scale", () => {
    it("equals the truth with a dozen of every kind among 5,000 orders", async () => {
      const h = await startHarness({ seed: 12, orders: 5_000, days: 7, plant: everyKind(12), tricky: true }, dialect);
      try {
        const run = await h.syncAndReconcile();
        expect(run.findings.map(pinned).sort(byKey)).toEqual(h.sb.truth.findings.map(pinned).sort(byKey));
      } finally {
        await h.close();
      }
    }, 300_000);
  });
});
