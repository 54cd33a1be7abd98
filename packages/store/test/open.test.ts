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

  it("drops the orders' memo index (003) and indexes status with created_at (004), on new and existing mirrors", async () => {
    const path = join(mkdtempSync(join(tmpdir(), "omrecon-store-")), "db.sqlite");
    const indexes = (s: Awaited<ReturnType<typeof openStore>>) =>
      (
        s.sqlite.prepare("SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'orders'").all() as {
          name: string;
        }[]
      ).map((r) => r.name);
    const store = await openStore(path);
    expect(indexes(store)).not.toContain("orders_payment_memo");
    expect(indexes(store)).not.toContain("orders_status");
    expect(indexes(store)).toEqual(expect.arrayContaining(["orders_created_at", "orders_status_created_at"]));
    // Counting old orders by status reads that index alone.
    const plan = store.sqlite
      .prepare("EXPLAIN QUERY PLAN SELECT status, count(*) FROM orders WHERE created_at < ? GROUP BY status")
      .all("2026-01-01") as { detail: string }[];
    expect(plan.map((p) => p.detail).join(" ")).toContain("COVERING INDEX orders_status_created_at");
    // A mirror made before 003: its indexes as 001 left them, 003 and 004 not recorded as run.
    store.sqlite.exec(`
      CREATE INDEX orders_payment_memo ON orders (payment_memo);
      CREATE INDEX orders_status ON orders (status);
      DROP INDEX orders_status_created_at;
      DELETE FROM kysely_migration WHERE name >= '003';
    `);
    await store.close();
    const upgraded = await openStore(path);
    expect(indexes(upgraded).sort()).toEqual(["orders_created_at", "orders_status_created_at"]);
    await upgraded.close();
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
