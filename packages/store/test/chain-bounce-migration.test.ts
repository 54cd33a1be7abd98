import { expect, it } from "vitest";
import { listTransfers, openStore } from "../src/index.js";
import { testDatabase } from "../src/testing.js";
import { describeEachDialect } from "./helpers.js";

describeEachDialect("migration 005: what the deposit rule needs", (dialect) => {
  it("derives bounce_sent for rows stored before it (aborted and sent back), leaves bounceable unknown", async () => {
    const path = await dialect.location();
    const store = await openStore(path);
    // A mirror from before 005: the columns absent, 005 not recorded as run (the store runs
    // whichever migrations a database has not had, in any order).
    const raw = testDatabase(store);
    await raw.query("ALTER TABLE chain_transfers DROP COLUMN bounceable");
    await raw.query("ALTER TABLE chain_transfers DROP COLUMN bounce_sent");
    await raw.query("DELETE FROM kysely_migration WHERE name = '005_chain_bounce_columns'");
    const insert = (...values: unknown[]) =>
      raw.query(
        `INSERT INTO chain_transfers (hash, lt, utime, address, source, value_nano, comment, body_kind, external, bounced, aborted, sent_back, read_at)
         VALUES (?, ?, 1760000000, '0:${"11".repeat(32)}', '0:${"22".repeat(32)}', 1000, NULL, 'none', 0, 0, ?, ?, '2026-04-17T00:00:00.000Z')`,
        ...values,
      );
    // bounced back / kept its coins (undeployed wallet) / a plain return / an ordinary deposit
    const rows: [number, number][] = [
      [1, 1],
      [1, 0],
      [0, 1],
      [0, 0],
    ];
    for (const [i, [aborted, sentBack]] of rows.entries()) {
      await insert(String(i + 1).padStart(64, "0"), i + 1, aborted, sentBack);
    }
    await store.close();

    const upgraded = await openStore(path);
    const stored = await listTransfers(upgraded.db);
    expect(stored.map((r) => [r.aborted, r.sent_back, r.bounce_sent, r.bounceable])).toEqual([
      [1n, 1n, 1n, null],
      [1n, 0n, 0n, null],
      [0n, 1n, 0n, null],
      [0n, 0n, 0n, null],
    ]);
    await upgraded.close();
  });

  it("runs on a mirror that already has the columns (its records lost) without failing", async () => {
    const path = await dialect.location();
    const store = await openStore(path);
    await testDatabase(store).query("DELETE FROM kysely_migration WHERE name = '005_chain_bounce_columns'");
    await store.close();
    const again = await openStore(path);
    await again.close();
  });
});
