/**
 * The report's only door to the database: every read of one report runs inside one read transaction
 * on the store's connection, so that all the files of a report describe the same moment even while a
 * sync writes (WAL), and the manifest's hashes prove one state of the mirror.
 */
import type SQLite from "better-sqlite3";
import type { Kysely } from "kysely";
import { type ArrivalRow, type CoveringClaim, coveringClaims, iterateArrivals } from "./report-chain.js";
import {
  allReportFindings,
  finishedRuns,
  type ReportFindingRow,
  type ReportRunRow,
  runSawFinding,
} from "./report-findings.js";
import { balanceAgainstLedger, type ReportBalanceRow, type ReportRunHistoryRow, runHistory } from "./report-history.js";
import {
  balanceBefore,
  iterateLedger,
  type ReportLedgerRow,
  topupAddressRaw,
  validTransferHashes,
} from "./report-ledger.js";
import { iterateReportOrders, type ReportOrderRow } from "./report-orders.js";
import type { Database } from "./schema.js";
import { driverOf, type StoreDb, sessionOf } from "./session.js";
import { SqliteDriver } from "./sqlite/driver.js";

/** What a report reads, all from one snapshot. Iterators must be run to their end (or left with `break`). */
export interface ReportReader {
  /** Finished reconciliation runs, oldest first. */
  runs(): ReportRunRow[];
  /** Orders created in `[from, to)` (stored-form times), oldest first; cells by `REPORT_ORDER`. */
  orders(from: string, to: string): IterableIterator<ReportOrderRow>;
  /** Every finding with its subject's time and the run that concluded about its order. */
  findings(): ReportFindingRow[];
  runSawFinding(run: number, key: string): boolean;
  /** Valid transfers into payment addresses in `[fromSec, toSec)`, in order of arrival. */
  arrivals(fromSec: number, toSec: number, topupAddressRaw: string | null): IterableIterator<ArrivalRow>;
  /** Which of `hashes` the covering sets of the orders created in `[createdFrom, createdTo)` (null: open) hold. */
  coveringClaims(createdFrom: string | null, createdTo: string | null, hashes: readonly string[]): CoveringClaim[];
  ledger(from: string, to: string): IterableIterator<ReportLedgerRow>;
  balanceBefore(time: string): bigint | null;
  topupAddressRaw(): string | null;
  validTransferHashes(addressRaw: string | null): Set<string> | null;
  /** The newest `limit` runs that ended (any status but running), newest first, with what each put at stake. */
  runHistory(limit: number): ReportRunHistoryRow[];
  /** The balance the API last reported and the ledger's last row. */
  balanceAgainstLedger(): ReportBalanceRow;
}

/**
 * Runs `read` inside one read transaction on the store's connection, holding the connection (no other
 * query of this store interleaves) until it settles. `read` may await (to let a file stream drain).
 */
export async function readReportSnapshot<T>(db: StoreDb, read: (reader: ReportReader) => Promise<T>): Promise<T> {
  const driver = driverOf(db);
  // The report's reads are SQLite statements over the raw connection (the fast path of its streams).
  if (!(driver instanceof SqliteDriver))
    throw new TypeError(`the report reads SQLite stores only, not ${driver.dialect}`);
  const { kysely } = sessionOf(db);
  return driver.withReadSnapshot(db, async (sqlite) => read(readerOf(sqlite, kysely)));
}

/** `kysely` only compiles the reads written with it; every statement runs on `sqlite`, inside the snapshot. */
function readerOf(sqlite: SQLite.Database, kysely: Kysely<Database>): ReportReader {
  return {
    runs: () => finishedRuns(sqlite),
    orders: (from, to) => iterateReportOrders(sqlite, from, to),
    findings: () => allReportFindings(sqlite),
    runSawFinding: (run, key) => runSawFinding(sqlite, run, key),
    arrivals: (fromSec, toSec, topup) => iterateArrivals(sqlite, fromSec, toSec, topup),
    coveringClaims: (createdFrom, createdTo, hashes) => coveringClaims(sqlite, createdFrom, createdTo, hashes),
    ledger: (from, to) => iterateLedger(sqlite, from, to),
    balanceBefore: (time) => balanceBefore(sqlite, time),
    topupAddressRaw: () => topupAddressRaw(sqlite),
    validTransferHashes: (address) => validTransferHashes(sqlite, address),
    runHistory: (limit) => runHistory(kysely, sqlite, limit),
    balanceAgainstLedger: () => balanceAgainstLedger(kysely, sqlite),
  };
}
