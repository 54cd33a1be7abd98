import { chmodSync, mkdirSync, mkdtempSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { sql } from "kysely";
import { describe, expect, it } from "vitest";
import { insertBalanceSnapshot, latestBalanceSnapshot, openStore, StoreError, upsertOrders } from "../src/index.js";
import { internals, orderRow } from "./helpers.js";
import { namespacesWork, openInChild } from "./in-child.js";

const tempDir = () => mkdtempSync(join(tmpdir(), "omrecon-store-"));

describe("openStore", () => {
  it("creates an owner-only WAL database with every table and reads integers as bigint", async () => {
    const path = join(tempDir(), "sub", "db.sqlite");
    const store = await openStore(path);
    const { kysely, sqlite } = internals(store);
    expect(statSync(path).mode & 0o777).toBe(0o600);
    expect(sqlite.pragma("journal_mode", { simple: true })).toBe("wal");
    const tables = (await kysely.introspection.getTables()).map((t) => t.name).sort();
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
    const snapshot = { taken_at: "t", topup_address: "a", currency: "TON", topup_address_raw: null, updated_at: null };
    await insertBalanceSnapshot(store.db, { ...snapshot, balance_nano: 2n ** 62n });
    expect((await latestBalanceSnapshot(store.db))?.balance_nano).toBe(2n ** 62n);
    await store.close();
    // Opening again runs no migration twice.
    const again = await openStore(path);
    expect((await latestBalanceSnapshot(again.db))?.balance_nano).toBe(2n ** 62n);
    await again.close();
  });

  it("drops the orders' memo index (003) and indexes status with created_at (004), on new and existing mirrors", async () => {
    const path = join(tempDir(), "db.sqlite");
    const indexes = (s: Awaited<ReturnType<typeof openStore>>) =>
      (
        internals(s)
          .sqlite.prepare("SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'orders'")
          .all() as { name: string }[]
      ).map((r) => r.name);
    const store = await openStore(path);
    expect(indexes(store)).not.toContain("orders_payment_memo");
    expect(indexes(store)).not.toContain("orders_status");
    expect(indexes(store)).toEqual(expect.arrayContaining(["orders_created_at", "orders_status_created_at"]));
    // Counting old orders by status reads that index alone.
    const plan = internals(store)
      .sqlite.prepare("EXPLAIN QUERY PLAN SELECT status, count(*) FROM orders WHERE created_at < ? GROUP BY status")
      .all("2026-01-01") as { detail: string }[];
    expect(plan.map((p) => p.detail).join(" ")).toContain("COVERING INDEX orders_status_created_at");
    // A mirror made before 003: its indexes as 001 left them, 003 and 004 not recorded as run.
    internals(store).sqlite.exec(`
      CREATE INDEX orders_payment_memo ON orders (payment_memo);
      CREATE INDEX orders_status ON orders (status);
      DROP INDEX orders_status_created_at;
      DELETE FROM kysely_migration WHERE name IN ('003_drop_orders_payment_memo_index', '004_orders_status_created_at_index');
    `);
    await store.close();
    const upgraded = await openStore(path);
    expect(indexes(upgraded).sort()).toEqual(["orders_created_at", "orders_status_created_at"]);
    await upgraded.close();
  });

  it("runs a migration that arrives after a later one (numbers are handed out per change)", async () => {
    const path = join(tempDir(), "db.sqlite");
    const store = await openStore(path);
    // As if 004 had landed after 006: the database has 006 but not 004.
    internals(store).sqlite.exec(`
      CREATE INDEX orders_status ON orders (status);
      DROP INDEX orders_status_created_at;
      DELETE FROM kysely_migration WHERE name = '004_orders_status_created_at_index';
    `);
    await store.close();
    const again = await openStore(path);
    const names = (
      internals(again).sqlite.prepare("SELECT name FROM kysely_migration ORDER BY name").all() as { name: string }[]
    ).map((r) => r.name);
    expect(names).toContain("004_orders_status_created_at_index");
    await again.close();
  });
});

describe("openStore: what a person reads when the database cannot be used (one line: the file, why, what to do)", () => {
  async function failure(path: string, options?: Parameters<typeof openStore>[1]): Promise<string> {
    const error = await openStore(path, options).then(
      () => new Error("opened"),
      (e: unknown) => e as Error,
    );
    expect(error).toBeInstanceOf(StoreError);
    expect(error.message).not.toContain("\n");
    return error.message;
  }

  it("a database of a newer omrecon: names the migration it does not know, never 'corrupted migrations'", async () => {
    const path = join(tempDir(), "db.sqlite");
    const store = await openStore(path);
    await sql`insert into kysely_migration (name, timestamp) values ('012_alerts_outbox', '2027-01-01')`.execute(
      internals(store).kysely,
    );
    await store.close();
    const line = `cannot use ${path}: written by a newer omrecon (migration 012_alerts_outbox unknown); upgrade omrecon or point OMRECON_DB elsewhere`;
    expect(await failure(path)).toBe(line);
    expect(await failure(path, { readonly: true })).toBe(line);
  });

  it("a path that is a directory", async () => {
    const dir = tempDir();
    expect(await failure(dir)).toBe(
      `cannot open ${dir}: it is a directory; point OMRECON_DB at a database file, e.g. ${dir}/omrecon.sqlite`,
    );
  });

  it("a path below a file", async () => {
    const blocker = join(tempDir(), "not-a-dir");
    writeFileSync(blocker, "");
    const path = join(blocker, "here.sqlite");
    expect(await failure(path)).toBe(
      `cannot open ${path}: ${blocker} is a file, not a folder; point OMRECON_DB elsewhere`,
    );
  });

  it("a file that is no SQLite database", async () => {
    const path = join(tempDir(), "notes.txt");
    writeFileSync(path, "these are not the pages you are looking for\n".repeat(200));
    expect(await failure(path)).toBe(
      `cannot open ${path}: not an omrecon database (not SQLite, or encrypted); point OMRECON_DB elsewhere`,
    );
  });

  it("a database that is not there, opened for reading", async () => {
    const path = join(tempDir(), "missing.sqlite");
    expect(await failure(path, { readonly: true })).toBe(
      `cannot open ${path}: no such database; run \`pnpm sync\` first or point OMRECON_DB elsewhere`,
    );
  });

  it("a write the disk refuses as full (SQLITE_FULL): the batch is undone and the store stays usable", async () => {
    const path = join(tempDir(), "db.sqlite");
    const store = await openStore(path);
    const { sqlite } = internals(store);
    const pages = Number(sqlite.pragma("page_count", { simple: true }));
    sqlite.pragma(`max_page_count = ${pages + 2}`);
    const rows = Array.from({ length: 500 }, (_, i) =>
      orderRow(i + 1, { extra: JSON.stringify({ pad: "x".repeat(400) }) }),
    );
    const error = await upsertOrders(store.db, rows).catch((e: unknown) => e as Error);
    expect(error).toBeInstanceOf(StoreError);
    expect((error as Error).message).toBe(
      `cannot write ${path}: disk full; free space on that disk or point OMRECON_DB elsewhere`,
    );
    sqlite.pragma("max_page_count = 1073741823");
    expect(await upsertOrders(store.db, rows.slice(0, 3))).toEqual({ inserted: 3, updated: 0 });
    await store.close();
  });

  it("a folder or file this user may not write (EACCES)", () => {
    const dir = tempDir();
    const root = process.getuid?.() === 0;
    // As root, permissions do not stop us: ask as another user instead.
    const as = root ? { uid: 65534 } : {};
    chmodSync(dir, 0o700);
    if (!root) chmodSync(dir, 0o500);
    const missing = join(dir, "new.sqlite");
    expect(openInChild(missing, as)).toBe(
      `StoreError: cannot open ${missing}: permission denied; let this user read and write the file and its folder, or point OMRECON_DB elsewhere`,
    );
  });

  it.skipIf(!namespacesWork(tempDir()))(
    "a read-only file system (EROFS) and a full disk (ENOSPC), each in a mount namespace of its own",
    async () => {
      const readOnly = tempDir();
      const path = join(readOnly, "db.sqlite");
      await (await openStore(path)).close();
      expect(openInChild(path, { namespaceSetup: 'mount -o bind,ro "$DIR" "$DIR"' })).toBe(
        `StoreError: cannot write ${path}: read-only file system; point OMRECON_DB at a file on a writable disk`,
      );

      const tiny = tempDir();
      mkdirSync(tiny, { recursive: true });
      const full = join(tiny, "db.sqlite");
      expect(openInChild(full, { namespaceSetup: 'mount -t tmpfs -o size=256k tmpfs "$DIR"' })).toBe(
        `StoreError: cannot write ${full}: disk full; free space on that disk or point OMRECON_DB elsewhere`,
      );
    },
  );
});
