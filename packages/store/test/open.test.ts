import { mkdtempSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { openStore, StoreError } from "../src/index.js";

describe("openStore", () => {
  it("creates an owner-only WAL database with every table and reads integers as bigint", async () => {
    const path = join(mkdtempSync(join(tmpdir(), "omrecon-store-")), "sub", "db.sqlite");
    const store = await openStore(path);
    expect(statSync(path).mode & 0o777).toBe(0o600);
    expect(store.sqlite.pragma("journal_mode", { simple: true })).toBe("wal");
    const tables = (await store.db.introspection.getTables()).map((t) => t.name).sort();
    expect(tables).toEqual(
      expect.arrayContaining([
        "balance_snapshots",
        "balance_transactions",
        "chain_cursors",
        "chain_transfers",
        "finding_resolutions",
        "findings",
        "locks",
        "order_matches",
        "orders",
        "reconciliation_runs",
        "run_findings",
        "sync_state",
      ]),
    );
    await store.db
      .insertInto("balance_snapshots")
      .values({
        taken_at: "t",
        balance_nano: 2n ** 62n,
        topup_address: "a",
        currency: "TON",
        topup_address_raw: null,
        updated_at: null,
      })
      .execute();
    const row = await store.db.selectFrom("balance_snapshots").selectAll().executeTakeFirstOrThrow();
    expect(row.balance_nano).toBe(2n ** 62n);
    await store.close();
    // Opening again runs no migration twice.
    const again = await openStore(path);
    expect((await again.db.selectFrom("balance_snapshots").selectAll().execute()).length).toBe(1);
    await again.close();
  });

  it("says which file it could not open", async () => {
    // A regular file where a folder should be: nothing can be created below it.
    const blocker = join(mkdtempSync(join(tmpdir(), "omrecon-store-")), "not-a-dir");
    writeFileSync(blocker, "");
    const path = join(blocker, "here.sqlite");
    await expect(openStore(path)).rejects.toThrow(StoreError);
    await expect(openStore(path)).rejects.toThrow(/here\.sqlite/);
  });
});
