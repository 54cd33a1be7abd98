import { expect, it } from "vitest";
import {
  appendBalanceTransactions,
  insertBalanceSnapshot,
  openStore,
  readMatchFacts,
  upsertOrders,
  upsertTransfers,
  watchedAddresses,
} from "../src/index.js";
import { balanceRow, describeEachDialect, orderRow } from "./helpers.js";

const A = `0:${"11".repeat(32)}`;
const B = `0:${"22".repeat(32)}`;

describeEachDialect("readMatchFacts: the whole mirror as the matcher reads it", (dialect) => {
  it("reads thousands of rows across chunks, shares repeated values and the hash string an order names", async () => {
    const store = await openStore(await dialect.location());
    const n = 2_500;
    const hash = (i: number) => i.toString(16).padStart(64, "0");
    await upsertTransfers(
      store.db,
      Array.from({ length: n }, (_, i) => ({
        hash: hash(i + 1),
        lt: BigInt(1_000 + i),
        utime: 1_760_000_000 + i,
        address: i % 2 === 0 ? A : B,
        source: null,
        value_nano: 418_000_000n,
        comment: `STARS-${i + 1}`,
        body_kind: "text",
        external: 0,
        bounced: i === 7 ? 1 : 0,
        aborted: 0,
        sent_back: i === 9 ? 1 : 0,
        read_at: "2026-04-17T00:00:00.000Z",
      })),
    );
    await upsertOrders(
      store.db,
      Array.from({ length: n }, (_, i) =>
        orderRow(i + 1, {
          tx_hash: hash(i + 1),
          payment_address_raw: i === 0 ? null : A,
          payment_address: "UQ-as-given",
        }),
      ),
    );
    await appendBalanceTransactions(store.db, [
      balanceRow(2, { type: "order_debit", order_id: 5, amount_nano: -1n }),
      balanceRow(1),
    ]);
    const facts = await readMatchFacts(store.db);
    expect(facts.orders.map((o) => o.id)).toEqual(Array.from({ length: n }, (_, i) => i + 1));
    expect(facts.orders[0]?.payment_address).toBe("UQ-as-given");
    expect(facts.orders[1]?.payment_address).toBe(A);
    expect(facts.orders.every((o) => o.status === facts.orders[0]!.status)).toBe(true);
    // The order's tx_hash is the transfer's very string; prices share one bigint value.
    const byHash = new Map(facts.transfers.map((t) => [t.hash, t]));
    expect(facts.orders.every((o) => o.tx_hash === byHash.get(o.tx_hash!)?.hash)).toBe(true);
    expect(facts.transfers.map((t) => t.address)).toEqual([...Array(n / 2).fill(A), ...Array(n / 2).fill(B)]);
    const flagged = facts.transfers.filter((t) => t.bounced || t.sent_back || t.external || t.aborted);
    expect(flagged.map((t) => [t.hash, t.bounced, t.sent_back])).toEqual([
      [hash(8), true, false],
      [hash(10), false, true],
    ]);
    expect(facts.balanceTransactions.map((r) => [r.id, r.type, r.order_id])).toEqual([
      [1, "topup", null],
      [2, "order_debit", 5],
    ]);
    expect(facts.balance).toBeNull();
    await insertBalanceSnapshot(store.db, {
      taken_at: "2026-04-17T00:00:00.000Z",
      balance_nano: 9n,
      topup_address: "EQ-topup",
      topup_address_raw: B,
      currency: "TON",
      updated_at: null,
    });
    expect((await readMatchFacts(store.db)).balance).toEqual({ balance_nano: 9n, topup_address: B });
    expect(await watchedAddresses(store.db)).toEqual([A, B]);
    await store.close();
  });
});
