import { afterEach, beforeEach, expect, it } from "vitest";
import {
  getChainCursor,
  listChainCursors,
  listTransfers,
  type NewChainTransferRow,
  openStore,
  type Store,
  setChainCursor,
  upsertTransfers,
  writeTransaction,
} from "../src/index.js";
import { describeEachDialect } from "./helpers.js";

const A = `0:${"11".repeat(32)}`;
const B = `0:${"22".repeat(32)}`;

function transfer(n: number, overrides: Partial<NewChainTransferRow> = {}): NewChainTransferRow {
  return {
    hash: n.toString(16).padStart(64, "0"),
    lt: 1_000n + BigInt(n),
    utime: 1_760_000_000 + n,
    address: A,
    source: `0:${"33".repeat(32)}`,
    value_nano: 418_000_000n,
    comment: `STARS-${n}`,
    body_kind: "text",
    external: 0,
    bounced: 0,
    aborted: 0,
    sent_back: 0,
    read_at: "2026-04-17T00:00:00.000Z",
    ...overrides,
  };
}

describeEachDialect("chain transfers and cursors", (dialect) => {
  let store: Store;
  beforeEach(async () => {
    store = await openStore(await dialect.location());
  });
  afterEach(async () => {
    await store.close();
  });

  it("stores each transaction hash once, in batches, and counts only new rows", async () => {
    const rows = Array.from({ length: 1_234 }, (_, i) => transfer(i));
    expect(await upsertTransfers(store.db, rows)).toBe(1_234);
    expect(await upsertTransfers(store.db, [...rows.slice(0, 10), transfer(5000), transfer(5000)])).toBe(1);
    expect((await listTransfers(store.db)).length).toBe(1_235);
  });

  it("rewrites a stored transfer whose facts changed but keeps when it was first read", async () => {
    await upsertTransfers(store.db, [transfer(1)]);
    await upsertTransfers(store.db, [
      transfer(1, { comment: null, body_kind: "op", read_at: "2026-04-18T00:00:00.000Z" }),
    ]);
    const [row] = await listTransfers(store.db);
    expect([row!.comment, row!.body_kind, row!.read_at]).toEqual([null, "op", "2026-04-17T00:00:00.000Z"]);
    expect(typeof row!.value_nano).toBe("bigint");
  });

  it("lists by address and by a utime window, in lt order", async () => {
    await upsertTransfers(store.db, [transfer(3), transfer(1, { address: B }), transfer(2), transfer(4)]);
    expect((await listTransfers(store.db, { addresses: [A] })).map((r) => r.lt)).toEqual([1_002n, 1_003n, 1_004n]);
    expect((await listTransfers(store.db, { addresses: [] })).length).toBe(0);
    const window = await listTransfers(store.db, { fromUtime: 1_760_000_002, toUtime: 1_760_000_004 });
    expect(window.map((r) => r.lt)).toEqual([1_002n, 1_003n]);
  });

  it("keeps one cursor per address and moves it", async () => {
    expect(await getChainCursor(store.db, A)).toBeNull();
    await setChainCursor(store.db, { address: A, lt: 10n, hash: "aa".repeat(32) });
    await setChainCursor(store.db, { address: A, lt: 20n, hash: "bb".repeat(32) });
    await setChainCursor(store.db, { address: B, lt: 5n, hash: "cc".repeat(32) });
    expect(await getChainCursor(store.db, A)).toEqual({ address: A, lt: 20n, hash: "bb".repeat(32) });
    expect((await listChainCursors(store.db)).map((c) => c.address)).toEqual([A, B]);
  });

  it("rolls transfers and cursor back together when the transaction fails", async () => {
    await expect(
      writeTransaction(store.db, async (trx) => {
        await upsertTransfers(trx, [transfer(1), transfer(2)]);
        await setChainCursor(trx, { address: A, lt: 1_002n, hash: transfer(2).hash });
        throw new Error("killed");
      }),
    ).rejects.toThrow("killed");
    expect(await listTransfers(store.db)).toEqual([]);
    expect(await getChainCursor(store.db, A)).toBeNull();
  });
});
