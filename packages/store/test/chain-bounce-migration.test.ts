import { describe, expect, it } from "vitest";
import { listTransfers, openStore } from "../src/index.js";
import { testDatabase } from "../src/testing.js";
import { tempDbPath } from "./helpers.js";

describe("migration 005: what the deposit rule needs", () => {
  it("derives bounce_sent for rows stored before it (aborted and sent back), leaves bounceable unknown", async () => {
    const path = tempDbPath();
    const store = await openStore(path);
    // A mirror from before 005: the columns absent, 005 not recorded as run (the store runs
    // whichever migrations a database has not had, in any order).
    testDatabase(store).sqlite.exec(`
      ALTER TABLE chain_transfers DROP COLUMN bounceable;
      ALTER TABLE chain_transfers DROP COLUMN bounce_sent;
      DELETE FROM kysely_migration WHERE name = '005_chain_bounce_columns';
    `);
    const insert = testDatabase(store).sqlite.prepare(
      `INSERT INTO chain_transfers (hash, lt, utime, address, source, value_nano, comment, body_kind, external, bounced, aborted, sent_back, read_at)
       VALUES (?, ?, 1760000000, '0:${"11".repeat(32)}', '0:${"22".repeat(32)}', 1000, NULL, 'none', 0, 0, ?, ?, '2026-04-17T00:00:00.000Z')`,
    );
    // bounced back / kept its coins (undeployed wallet) / a plain return / an ordinary deposit
    const rows: [number, number][] = [
      [1, 1],
      [1, 0],
      [0, 1],
      [0, 0],
    ];
    rows.forEach(([aborted, sentBack], i) => {
      insert.run(String(i + 1).padStart(64, "0"), i + 1, aborted, sentBack);
    });
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
    const path = tempDbPath();
    const store = await openStore(path);
    testDatabase(store).sqlite.exec(`DELETE FROM kysely_migration WHERE name = '005_chain_bounce_columns';`);
    await store.close();
    const again = await openStore(path);
    await again.close();
  });
});
