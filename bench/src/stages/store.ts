/**
 * Store write. Ours: `upsertOrders` of N orders into an empty database, in one write transaction.
 * Baseline: one better-sqlite3 prepared INSERT per row into the same schema (`openStore` makes
 * both databases, so pragmas, indexes and triggers are the same), in one transaction. The rows are
 * the synced mirror's, read into memory before the clock starts.
 */
import { join } from "node:path";
import { listOrders, type NewOrderRow, openStore, type Store, upsertOrders, writeTransaction } from "@omrecon/store";
import SQLite from "better-sqlite3";
import { fixturePath, removeDb } from "../fixtures.js";
import type { Job } from "../job.js";
import { type Task, timed } from "./task.js";

const WARM_UP_ROWS = 2_000;

async function loadRows(job: Job): Promise<NewOrderRow[]> {
  const source = await openStore(fixturePath(job.workDir, "synced"));
  try {
    return (await listOrders(source.db)).sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  } finally {
    await source.close();
  }
}

async function withEmptyStore<T>(job: Job, name: string, fn: (store: Store) => Promise<T>): Promise<T> {
  const path = join(job.workDir, name);
  removeDb(path);
  const store = await openStore(path);
  try {
    return await fn(store);
  } finally {
    await store.close();
    removeDb(path);
  }
}

async function upsert(store: Store, rows: readonly NewOrderRow[]): Promise<number> {
  const counts = await writeTransaction(store.db, (trx) => upsertOrders(trx, rows));
  return counts.inserted;
}

/** The baseline's own connection to the database openStore made (the store hands out none). */
function rawInsert(store: Store, rows: readonly NewOrderRow[]): number {
  const sqlite = new SQLite(store.path);
  try {
    sqlite.pragma("journal_mode = WAL");
    sqlite.pragma("synchronous = NORMAL");
    sqlite.defaultSafeIntegers(true);
    const columns = Object.keys(rows[0] ?? {});
    const insert = sqlite.prepare(
      `INSERT INTO orders (${columns.join(", ")}) VALUES (${columns.map((c) => `@${c}`).join(", ")})`,
    );
    sqlite.transaction(() => {
      for (const row of rows) insert.run(row);
    })();
  } finally {
    sqlite.close();
  }
  return rows.length;
}

const ours: Task = async (job) => {
  const rows = await loadRows(job);
  await withEmptyStore(job, "store-warm-up.sqlite", (s) => upsert(s, rows.slice(0, WARM_UP_ROWS)));
  const { ms, value: inserted } = await withEmptyStore(job, "store-ours.sqlite", (s) => timed(() => upsert(s, rows)));
  if (inserted !== rows.length) throw new Error(`upsertOrders inserted ${inserted} of ${rows.length}`);
  return { ms, rows: rows.length };
};

const baseline: Task = async (job) => {
  const rows = await loadRows(job);
  await withEmptyStore(job, "store-warm-up.sqlite", async (s) => rawInsert(s, rows.slice(0, WARM_UP_ROWS)));
  const { ms } = await withEmptyStore(job, "store-baseline.sqlite", (s) => timed(() => rawInsert(s, rows)));
  return { ms, rows: rows.length };
};

export const tasks: Record<string, Task> = { ours, baseline };
