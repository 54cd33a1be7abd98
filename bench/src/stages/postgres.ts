/**
 * The Postgres rows, against a server of the bench's own (`measurePostgres` starts one
 * from Debian's binaries, or uses `OMRECON_BENCH_POSTGRES_URL`).
 *
 * - `load` (not measured): the chained SQLite mirror copied into a database through the store's own
 *   functions; later runs start from copies of it (`CREATE DATABASE … TEMPLATE`, a file copy).
 * - store write: ours is `upsertOrders` of N orders into a new database in one `writeTransaction`;
 *   the baseline writes the same rows with plain `pg`: multi-row INSERTs of 1,000 rows (the usual
 *   fast way short of COPY) in one transaction, into a database `openStore` made (same schema).
 * - reconcile: one `reconcile()` on a copy of the chained database (load, match, apply).
 * - report: the CSV report of the world's window, and of its last tenth (peak RSS must not grow with
 *   N: the orders and arrivals come through server-side cursors), from a reconciled copy.
 */
import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { reconcile } from "@omrecon/reconcile";
import { writeReports } from "@omrecon/report";
import {
  appendBalanceTransactions,
  getSyncState,
  insertBalanceSnapshot,
  latestBalanceSnapshot,
  listBalanceTransactions,
  listChainCursors,
  listOrders,
  listTransfers,
  type NewOrderRow,
  openStore,
  SYNC_STATE_KEYS,
  setChainCursor,
  setSyncState,
  upsertOrders,
  upsertTransfers,
  writeTransaction,
} from "@omrecon/store";
import pg from "pg";
import { fixturePath } from "../fixtures.js";
import type { Job } from "../job.js";
import { GRACE_MINUTES, storedStats } from "./match-input.js";
import { worldClock } from "./sandbox-client.js";
import { type Task, timed } from "./task.js";

/** The chained mirror on the server, the template of every run. */
export const CHAINED_DATABASE = "omrecon_bench_chained";
/** … after one reconcile run: what the report runs read. */
const RECONCILED_DATABASE = "omrecon_bench_reconciled";
const WARM_UP_ROWS = 2_000;

function adminUrl(job: Job): string {
  const url = job.args?.postgres;
  if (typeof url !== "string") throw new Error(`${job.module}.${job.task} needs the bench's Postgres server`);
  return url;
}

function withDatabase(url: string, database: string): string {
  const u = new URL(url);
  u.pathname = `/${database}`;
  return u.toString();
}

async function admin<T>(job: Job, fn: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: adminUrl(job) });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

/** A new database (empty, or a copy of `template`), dropped after `fn`. */
async function withDatabaseOf<T>(job: Job, template: string | null, fn: (url: string) => Promise<T>): Promise<T> {
  const name = `omrecon_bench_${randomBytes(4).toString("hex")}`;
  await admin(job, (c) => c.query(`create database ${name}${template ? ` template ${template}` : ""}`));
  try {
    return await fn(withDatabase(adminUrl(job), name));
  } finally {
    await admin(job, (c) => c.query(`drop database if exists ${name} with (force)`));
  }
}

async function syncedRows(job: Job): Promise<NewOrderRow[]> {
  const source = await openStore(fixturePath(job.workDir, "synced"));
  try {
    return (await listOrders(source.db)).sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  } finally {
    await source.close();
  }
}

const load: Task = async (job) => {
  await admin(job, (c) => c.query(`drop database if exists ${CHAINED_DATABASE} with (force)`));
  await admin(job, (c) => c.query(`create database ${CHAINED_DATABASE}`));
  const from = await openStore(fixturePath(job.workDir, "chained"));
  const to = await openStore(withDatabase(adminUrl(job), CHAINED_DATABASE));
  try {
    const { ms } = await timed(async () => {
      await upsertOrders(to.db, await listOrders(from.db));
      await upsertTransfers(to.db, await listTransfers(from.db));
      await appendBalanceTransactions(to.db, await listBalanceTransactions(from.db));
      const snapshot = await latestBalanceSnapshot(from.db);
      if (snapshot) {
        const { id: _, ...row } = snapshot;
        await insertBalanceSnapshot(to.db, row);
      }
      await writeTransaction(to.db, async (trx) => {
        for (const c of await listChainCursors(from.db)) {
          await setChainCursor(trx, { address: c.address, lt: c.last_lt, hash: c.last_hash }, new Date(c.updated_at));
        }
        for (const key of Object.values(SYNC_STATE_KEYS)) {
          const value = await getSyncState(from.db, key);
          if (value !== undefined) await setSyncState(trx, key, value);
        }
      });
    });
    return { ms, rows: (await listOrders(to.db)).length };
  } finally {
    await from.close();
    await to.close();
  }
};

async function upsert(url: string, rows: readonly NewOrderRow[]): Promise<number> {
  const store = await openStore(url);
  try {
    return (await writeTransaction(store.db, (trx) => upsertOrders(trx, rows))).inserted;
  } finally {
    await store.close();
  }
}

/** Plain pg: the store's schema (made by openStore), then INSERTs of 1,000 rows in one transaction. */
async function rawInsert(url: string, rows: readonly NewOrderRow[]): Promise<{ ms: number }> {
  await (await openStore(url)).close();
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const columns = Object.keys(rows[0] ?? {});
    return await timed(async () => {
      await client.query("begin");
      for (let start = 0; start < rows.length; start += 1_000) {
        const part = rows.slice(start, start + 1_000);
        const values: unknown[] = [];
        const tuples = part.map((row) => {
          const r = row as Record<string, unknown>;
          return `(${columns.map((c) => `$${values.push(r[c] ?? null)}`).join(", ")})`;
        });
        await client.query(`insert into orders (${columns.join(", ")}) values ${tuples.join(", ")}`, values);
      }
      await client.query("commit");
    });
  } finally {
    await client.end();
  }
}

const writeOurs: Task = async (job) => {
  const rows = await syncedRows(job);
  await withDatabaseOf(job, null, (url) => upsert(url, rows.slice(0, WARM_UP_ROWS)));
  return withDatabaseOf(job, null, async (url) => {
    // openStore (migrations) before the clock, as the baseline's schema is made before its clock.
    await (await openStore(url)).close();
    const { ms, value: inserted } = await timed(() => upsert(url, rows));
    if (inserted !== rows.length) throw new Error(`upsertOrders inserted ${inserted} of ${rows.length}`);
    return { ms, rows: rows.length };
  });
};

const writeBaseline: Task = async (job) => {
  const rows = await syncedRows(job);
  await withDatabaseOf(job, null, (url) => rawInsert(url, rows.slice(0, WARM_UP_ROWS)));
  return withDatabaseOf(job, null, async (url) => ({ ms: (await rawInsert(url, rows)).ms, rows: rows.length }));
};

const reconcileIn = async (job: Job, url: string) => {
  const store = await openStore(url);
  try {
    const stats = storedStats(job);
    const window = { from: new Date(job.world.window.from), to: new Date(job.world.window.to) };
    return await timed(() =>
      reconcile(
        { store, fetchStats: async () => stats, now: worldClock(job) },
        { ...window, graceMinutes: GRACE_MINUTES, failOn: "never" },
      ),
    );
  } finally {
    await store.close();
  }
};

const reconcileRun: Task = async (job) =>
  withDatabaseOf(job, CHAINED_DATABASE, async (url) => {
    const { ms, value: outcome } = await reconcileIn(job, url);
    return {
      ms,
      rows: outcome.totals.orders,
      extra: { findings: outcome.findings.length, matched: outcome.totals.matched },
    };
  });

/** Not measured: a reconciled copy of the chained mirror, which every report run reads (and leaves as it is). */
const prepareReconciled: Task = async (job) => {
  await admin(job, (c) => c.query(`drop database if exists ${RECONCILED_DATABASE} with (force)`));
  await admin(job, (c) => c.query(`create database ${RECONCILED_DATABASE} template ${CHAINED_DATABASE}`));
  const { ms, value: outcome } = await reconcileIn(job, withDatabase(adminUrl(job), RECONCILED_DATABASE));
  return { ms, rows: outcome.totals.orders };
};

/** The CSV report of the world's window (`args.tenth`: of its last tenth) from the reconciled database. */
const reportRun: Task = async (job) => {
  const store = await openStore(withDatabase(adminUrl(job), RECONCILED_DATABASE));
  const out = mkdtempSync(join(tmpdir(), "omrecon-bench-pg-report-"));
  try {
    const from = Date.parse(job.world.window.from);
    const to = Date.parse(job.world.window.to);
    const start = job.args?.tenth === true ? to - Math.round((to - from) / 10) : from;
    // Warm-up: one day of the same report.
    await writeReports(
      { store, now: worldClock(job) },
      { out, window: { from: new Date(to - 86_400_000), to: new Date(to) }, formats: ["csv"] },
    );
    const { ms, value } = await timed(() =>
      writeReports(
        { store, now: worldClock(job) },
        { out, window: { from: new Date(start), to: new Date(to) }, formats: ["csv"] },
      ),
    );
    return { ms, rows: value.files.find((f) => f.file === "orders.csv")?.rows ?? 0 };
  } finally {
    await store.close();
    rmSync(out, { recursive: true, force: true });
  }
};

export const tasks: Record<string, Task> = {
  load,
  "write-ours": writeOurs,
  "write-baseline": writeBaseline,
  reconcile: reconcileRun,
  "prepare-reconciled": prepareReconciled,
  report: reportRun,
};
