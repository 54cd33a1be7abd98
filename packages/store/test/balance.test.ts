import { afterEach, beforeEach, expect, it } from "vitest";
import {
  appendBalanceTransactions,
  insertBalanceSnapshot,
  lastBalanceTransaction,
  latestBalanceSnapshot,
  listBalanceTransactions,
  openStore,
  type Store,
} from "../src/index.js";
import { balanceRow, describeEachDialect } from "./helpers.js";

describeEachDialect("balance transactions and snapshots", (dialect) => {
  let store: Store;
  beforeEach(async () => {
    store = await openStore(await dialect.location());
  });
  afterEach(async () => {
    await store.close();
  });

  it("appends new ids only and never rewrites a known one", async () => {
    expect(await appendBalanceTransactions(store.db, [balanceRow(1), balanceRow(2)])).toBe(2);
    expect(
      await appendBalanceTransactions(store.db, [
        balanceRow(2, { amount_nano: -5n }),
        balanceRow(3, { amount_nano: -7n }),
      ]),
    ).toBe(1);
    const rows = await listBalanceTransactions(store.db);
    expect(rows.map((r) => [r.id, r.amount_nano])).toEqual([
      [1n, 1_000_000_000n],
      [2n, 1_000_000_000n],
      [3n, -7n],
    ]);
    expect((await lastBalanceTransaction(store.db))?.id).toBe(3n);
  });

  it("lists a created_at window in id order", async () => {
    await appendBalanceTransactions(store.db, [balanceRow(3), balanceRow(1), balanceRow(2)]);
    const rows = await listBalanceTransactions(store.db, { from: balanceRow(2).created_at });
    expect(rows.map((r) => r.id)).toEqual([2n, 3n]);
  });

  it("returns the latest snapshot", async () => {
    expect(await latestBalanceSnapshot(store.db)).toBeUndefined();
    const base = { topup_address: "UQ…", topup_address_raw: null, currency: "TON", updated_at: null };
    await insertBalanceSnapshot(store.db, { ...base, taken_at: "2026-04-16T00:00:00.000Z", balance_nano: 1n });
    await insertBalanceSnapshot(store.db, { ...base, taken_at: "2026-04-17T00:00:00.000Z", balance_nano: 2n });
    expect((await latestBalanceSnapshot(store.db))?.balance_nano).toBe(2n);
  });
});
