/**
 * docs/reconciliation.md#matching over HTTP: a payment whose transaction aborted but kept the coins
 * (a non-bounceable transfer into an undeployed wallet; a bounceable one whose bounce could not be
 * paid) is a payment. The sandbox builds both as real transactions; sync, the chain reader over the
 * sandbox's toncenter and reconcile must match the orders they pay and report nothing.
 */
import { listTransfers } from "@omrecon/store";
import { expect, it } from "vitest";
import { startHarness } from "./sandbox-harness.js";
import { describeEachDialect } from "./store-fixtures.js";

describeEachDialect("an aborted deposit that kept its coins, over HTTP through the sandbox", (dialect) => {
  it("pays its order: matched, no finding, stored as aborted with no bounce sent", async () => {
    const h = await startHarness(
      {
        seed: "aborted-kept",
        orders: 40,
        days: 2,
        tricky: { aborted_kept_undeployed: 2, aborted_kept_bounce_unpaid: 2 },
      },
      dialect,
    );
    try {
      const outcome = await h.syncAndReconcile();
      expect(outcome.findings).toEqual([]);
      const cases = h.sb.truth.tricky.filter((t) => t.kind.startsWith("aborted_kept"));
      expect(cases.map((t) => t.kind).sort()).toEqual([
        "aborted_kept_bounce_unpaid",
        "aborted_kept_bounce_unpaid",
        "aborted_kept_undeployed",
        "aborted_kept_undeployed",
      ]);
      const rows = await listTransfers(h.store.db);
      for (const t of cases) {
        const order = outcome.orders.find((o) => o.order_id === t.order_id);
        expect(order).toMatchObject({ reconciliation: "matched" });
        const row = rows.find((r) => r.hash === t.tx_hashes[0]);
        expect(row).toMatchObject({
          aborted: 1n,
          bounce_sent: 0n,
          sent_back: 0n,
          bounceable: t.kind === "aborted_kept_bounce_unpaid" ? 1n : 0n,
        });
      }
    } finally {
      await h.close();
    }
  });
});
