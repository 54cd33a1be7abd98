/**
 * The report's only door to the database: every read of one report runs inside one read snapshot
 * on one connection (SQLite: a read transaction, while a sync may write through WAL; Postgres: a
 * `REPEATABLE READ READ ONLY` transaction), so that all the files of a report describe the same
 * moment, and the manifest's hashes prove one state of the mirror. Streams come in chunks; the
 * orders and the arrivals are read in turns from two cursors of that one snapshot.
 */
import type { Kysely } from "kysely";
import type { SnapshotQueries } from "./driver.js";
import { type ArrivalRow, arrivalChunks, type CoveringClaim, coveringClaims } from "./report-chain.js";
import {
  allReportFindings,
  finishedRuns,
  type ReportFindingRow,
  type ReportRunRow,
  runFindingKeys,
} from "./report-findings.js";
import { balanceAgainstLedger, type ReportBalanceRow, type ReportRunHistoryRow, runHistory } from "./report-history.js";
import {
  balanceBefore,
  ledgerChunks,
  type ReportLedgerRow,
  topupAddressRaw,
  validTransferHashes,
} from "./report-ledger.js";
import { type ReportOrderRow, reportOrderChunks } from "./report-orders.js";
import type { Database } from "./schema.js";
import { driverOf, type StoreDb, sessionOf } from "./session.js";

/**
 * What a report reads, all from one snapshot. Streams are async iterables of chunks (arrays of
 * rows); run them to their end or leave them with `break`.
 */
export interface ReportReader {
  /** Finished reconciliation runs, oldest first. */
  runs(): Promise<ReportRunRow[]>;
  /** Orders created in `[from, to)` (stored-form times), oldest first; cells by `REPORT_ORDER`. */
  orders(from: string, to: string): AsyncIterable<ReportOrderRow[]>;
  /** Every finding with its subject's time and the run that concluded about its order. */
  findings(): Promise<ReportFindingRow[]>;
  runSawFinding(run: number, key: string): Promise<boolean>;
  /** Valid transfers into payment addresses in `[fromSec, toSec)`, in order of arrival. */
  arrivals(fromSec: number, toSec: number, topupAddressRaw: string | null): AsyncIterable<ArrivalRow[]>;
  /** Which of `hashes` the covering sets of the orders created in `[createdFrom, createdTo)` (null: open) hold. */
  coveringClaims(
    createdFrom: string | null,
    createdTo: string | null,
    hashes: readonly string[],
  ): Promise<CoveringClaim[]>;
  ledger(from: string, to: string): AsyncIterable<ReportLedgerRow[]>;
  balanceBefore(time: string): Promise<bigint | null>;
  topupAddressRaw(): Promise<string | null>;
  validTransferHashes(addressRaw: string | null): Promise<Set<string> | null>;
  /** The newest `limit` runs that ended (any status but running), newest first, with what each put at stake. */
  runHistory(limit: number): Promise<ReportRunHistoryRow[]>;
  /** The balance the API last reported and the ledger's last row. */
  balanceAgainstLedger(): Promise<ReportBalanceRow>;
}

/**
 * Runs `read` inside one read snapshot, holding a connection of the store until it settles. `read`
 * may await (to let a file stream drain) and still sees one moment of the database.
 */
export async function readReportSnapshot<T>(db: StoreDb, read: (reader: ReportReader) => Promise<T>): Promise<T> {
  // kysely only compiles the reads written with it (in the session's dialect); every statement runs on `q`.
  const { kysely } = sessionOf(db);
  return driverOf(db).readSnapshot(db, (q) => read(readerOf(q, kysely)));
}

function readerOf(q: SnapshotQueries, kysely: Kysely<Database>): ReportReader {
  // A report asks for each finding whether its run saw it: each run's keys are read once.
  const seen = new Map<number, Promise<Set<string>>>();
  return {
    runs: () => finishedRuns(q),
    orders: (from, to) => reportOrderChunks(q, from, to),
    findings: () => allReportFindings(q),
    async runSawFinding(run, key) {
      let keys = seen.get(run);
      if (keys === undefined) {
        keys = runFindingKeys(q, run);
        seen.set(run, keys);
      }
      return (await keys).has(key);
    },
    arrivals: (fromSec, toSec, topup) => arrivalChunks(q, fromSec, toSec, topup),
    coveringClaims: (createdFrom, createdTo, hashes) => coveringClaims(q, createdFrom, createdTo, hashes),
    ledger: (from, to) => ledgerChunks(q, from, to),
    balanceBefore: (time) => balanceBefore(q, time),
    topupAddressRaw: () => topupAddressRaw(q),
    validTransferHashes: (address) => validTransferHashes(q, address),
    runHistory: (limit) => runHistory(kysely, q, limit),
    balanceAgainstLedger: () => balanceAgainstLedger(kysely, q),
  };
}
