/**
 * `writeReports`: the report files of docs/cli.md#report-files for one period, from one snapshot of
 * the database. Plan, then deliver: every file is written under a temporary name while the numbers
 * are gathered, the bridge is checked, and only then are the files renamed into place and the
 * manifest written. A bridge that does not close delivers nothing.
 */
import { createHash } from "node:crypto";
import { closeSync, openSync, readSync, renameSync, rmSync } from "node:fs";
import { join } from "node:path";
import type { Logger } from "@omrecon/core";
import { isOmreconError, silentLogger } from "@omrecon/core";
import { REPORT_ORDER, type ReportOrderRow, readReportSnapshot, type StoreDb } from "@omrecon/store";
import { ReportBook } from "./book.js";
import { instantMs, intCell, TimeCells, textCell, tonCell, tonCellOf, utcTimeCell } from "./cells.js";
import { ChainSide } from "./chain-side.js";
import {
  BALANCE_LEDGER_COLUMNS,
  DAILY_SUMMARY_COLUMNS,
  FINDINGS_COLUMNS,
  FORMATS,
  ORDERS_COLUMNS,
  REPORT_FILES,
  type ReportFormat,
} from "./columns.js";
import { CsvFile, tempPathFor } from "./csv-file.js";
import { dailyCsvCells, dailyRows, dailyTextAmounts, dailyValues } from "./daily-rows.js";
import { DayFormatter } from "./day.js";
import { needsText } from "./digits.js";
import { writeSummaryPage } from "./html-file.js";
import { type LedgerLine, type LedgerStats, ledgerLines } from "./ledger-lines.js";
import { type ManifestFile, manifestOf, writeManifest } from "./manifest.js";
import { OrderRows } from "./order-report-columns.js";
import { isFsError, outputError, prepareOutDir } from "./out-dir.js";
import type { PeriodName } from "./period.js";
import { classifyFindings, type ReportFinding } from "./report-findings.js";
import { SHEET_COLUMNS } from "./sheet-columns.js";
import {
  balanceCheckOf,
  bridgeTextAmounts,
  buildBridge,
  findingCounts,
  findingsTextAmounts,
  HISTORY_RUNS,
  historyOf,
  partialNote,
  periodDays,
  type ReportSummary,
  runOf,
  summaryFinding,
} from "./summary.js";
import { Zone } from "./zone.js";

export interface ReportOptions {
  /** Folder the files are written into (created if needed). */
  out: string;
  /** The period: `[from, to)` on `created_at` (orders, ledger), arrival (transfers). */
  window: { from: Date; to: Date };
  /** The `--period` the window came from, if any (recorded in the summary and manifest). */
  periodName?: PeriodName | null;
  /** IANA zone of the days and the local-time columns. Default UTC. */
  timeZone?: string;
  /** Start each CSV file with a UTF-8 byte-order mark (for Excel). */
  bom?: boolean;
  /** Default all: the CSV files, the workbook and the summary page. */
  formats?: readonly ReportFormat[];
}

export interface ReportContext {
  /** The report reads through the store's report queries only (`readReportSnapshot` on `store.db`). */
  store: { db: StoreDb };
  logger?: Logger;
  /** Called as rows are written (for a terminal progress line). */
  onProgress?: (file: string, rows: number) => void;
  /** The clock, for `generated_at` and for the data's edge when no run has finished. */
  now?: () => Date;
}

export interface ReportFile {
  file: string;
  path: string;
  rows: number;
  bytes: number;
  sha256: string;
}

export interface ReportResult {
  out: string;
  window: { from: string; to: string };
  period: PeriodName | null;
  time_zone: string;
  run_id: number | null;
  files: ReportFile[];
  /** The numbers of the report (bridge, findings, partial days): see `ReportSummary`. */
  summary: ReportSummary;
}

/** Bytes between progress callbacks of the orders. */
const PROGRESS_EVERY = 10_000;

export async function writeReports(ctx: ReportContext, options: ReportOptions): Promise<ReportResult> {
  const logger = ctx.logger ?? silentLogger;
  const now = ctx.now ?? (() => new Date());
  const formats = new Set(options.formats ?? FORMATS);
  const zone = new Zone(options.timeZone ?? "UTC");
  const fromMs = options.window.from.getTime();
  const toMs = options.window.to.getTime();
  const from = options.window.from.toISOString();
  const to = options.window.to.toISOString();
  const { removed } = prepareOutDir(options.out);
  if (removed.length > 0)
    logger.info("removed what an interrupted report left", { out: options.out, files: removed.join(" ") });

  const pending: { file: string; temp: string; path: string; rows: number; bytes: number; sha256: string }[] = [];
  const open: CsvFile[] = [];
  let workbookTemp: string | null = null;
  try {
    const summary = await readReportSnapshot(ctx.store.db, async (reader) => {
      const runs = await reader.runs();
      const latest = runs.at(-1);
      const tolerance = new Map(runs.map((r) => [Number(r.id), toleranceOf(r.options)]));
      const findings = await classifyFindings(reader, runs, { fromMs, toMs });
      const book = new ReportBook(findings.byOrder, tolerance);
      const days = new DayFormatter(zone.name);
      const times = new TimeCells(zone);
      const fromSec = Math.ceil(fromMs / 1000);
      const toSec = Math.ceil(toMs / 1000);
      const csv = (name: string, header: readonly string[]) => {
        const f = new CsvFile(join(options.out, name), header, { bom: options.bom ?? false });
        open.push(f);
        return f;
      };

      // Orders: the CSV, the daily summary and both sides of the bridge in one pass.
      const orderRows = new OrderRows(times, zone);
      const ordersCsv = formats.has("csv") ? csv(REPORT_FILES.orders, ORDERS_COLUMNS) : null;
      let orderCount = 0;
      const arrivalDay = (utime: number) => days.ofMs(utime * 1000);
      const roles = new Map<string, "duplicate" | "orphan">();
      for (const f of findings.current) {
        if (f.tx_hash === null) continue;
        if (f.kind === "duplicate_payment") roles.set(f.tx_hash, "duplicate");
        else if (f.kind === "orphan_transfer") roles.set(f.tx_hash, "orphan");
      }
      const topup = await reader.topupAddressRaw();
      const chain = new ChainSide(book, reader.arrivals(fromSec, toSec, topup), roles, arrivalDay);
      const createdMs = (row: ReportOrderRow) => instantMs(row[REPORT_ORDER.created_at] as string);
      for await (const rows of reader.orders(from, to)) {
        for (const row of rows) {
          const created = row[REPORT_ORDER.created_at] as string;
          const stored = times.isStored(created);
          book.addOrder(row, stored ? days.ofStored(created) : days.of(created));
          if (ordersCsv) ordersCsv.add(orderRows.csv(row));
          orderCount += 1;
          if (orderCount % PROGRESS_EVERY === 0) ctx.onProgress?.(REPORT_FILES.orders, orderCount);
        }
        // The book's order side and its chain side are separate sums: the chunk's transfers after its orders.
        await chain.addOrders(rows, createdMs);
      }
      if ((await chain.finish()) > 0) await chain.claimOutside(reader, from, to);

      const horizon = latest === undefined ? Math.min(toMs, now().getTime()) : Date.parse(latest.as_of);
      const period = periodDays(zone, fromMs, toMs, horizon);
      const bridge = buildBridge(
        book,
        period.days,
        period.partial,
        latest !== undefined,
        (day) => chain.unclaimedOn(day)?.hash,
      );
      const daily = dailyRows(book, period.days, period.partial);
      const ledger = await ledgerLines(reader, from, to);
      let ledgerStats: LedgerStats;
      if (formats.has("csv")) {
        const dailyCsv = csv(REPORT_FILES.dailySummary, DAILY_SUMMARY_COLUMNS);
        for (const r of daily) dailyCsv.add(dailyCsvCells(r));
        const findingsCsv = csv(REPORT_FILES.findings, FINDINGS_COLUMNS);
        for (const f of findings.listed) findingsCsv.add(findingCsvCells(f));
        const ledgerCsv = csv(REPORT_FILES.balanceLedger, BALANCE_LEDGER_COLUMNS);
        ledgerStats = await ledger.count((line) => ledgerCsv.add(ledgerCsvCells(line, times)));
      } else ledgerStats = await ledger.count();

      const counts = findingCounts(findings.listed);
      const openNow = findings.openNow.map(summaryFinding);
      const summary: ReportSummary = {
        period: { from, to, name: options.periodName ?? null, time_zone: zone.name, days: period.days },
        run: runOf(latest),
        bridge,
        findings: {
          in_period: findings.listed.length,
          by_severity: counts.bySeverity,
          by_kind: counts.byKind,
          open_now: openNow,
        },
        partial_days: [...period.partial],
        partial_note: partialNote([...period.partial], latest?.as_of ?? null),
        ledger: {
          rows: ledgerStats.rows,
          breaks: ledgerStats.breaks,
          unconfirmed: ledgerStats.unconfirmed,
          first_break: ledgerStats.firstBreak,
        },
        balance: balanceCheckOf(await reader.balanceAgainstLedger()),
        history: historyOf(await reader.runHistory(HISTORY_RUNS)),
        text_amount_cells: 0,
      };
      summary.text_amount_cells =
        book.textAmounts +
        dailyTextAmounts(daily) +
        findingsTextAmounts(findings.listed) +
        ledgerStats.textAmounts +
        summaryTextAmounts(summary);

      for (const f of open) {
        const sha256 = f.finish();
        pending.push({
          file: f.path.slice(options.out.length).replace(/^[/\\]+/, ""),
          temp: f.tempPath,
          path: f.path,
          rows: f.rows,
          bytes: f.bytes,
          sha256,
        });
      }

      if (formats.has("xlsx")) {
        const path = join(options.out, REPORT_FILES.workbook);
        workbookTemp = tempPathFor(path);
        // exceljs is loaded only for a workbook: a CSV-only report neither waits for it nor holds it.
        const { ReportWorkbook } = await import("./workbook.js");
        const book = new ReportWorkbook(workbookTemp);
        book.summary(summary);
        let written = 0;
        await book.table(
          "Orders",
          orderRows.sheetColumns,
          mapChunkRows(reader.orders(from, to), (row) => {
            written += 1;
            if (written % PROGRESS_EVERY === 0) ctx.onProgress?.(REPORT_FILES.workbook, written);
            return orderRows.values(row);
          }),
        );
        await book.table("Daily", SHEET_COLUMNS.daily, daily.map(dailyValues));
        await book.table("Findings", SHEET_COLUMNS.findings, findings.listed.map(findingValues));
        await book.table("Ledger", SHEET_COLUMNS.ledger, mapRows(ledger.lines(), ledgerValues));
        await book.commit();
        pending.push({
          file: REPORT_FILES.workbook,
          temp: workbookTemp,
          path,
          rows: book.rows.Orders ?? 0,
          ...digestOf(workbookTemp),
        });
      }
      return summary;
    });

    const generatedAt = now();
    if (formats.has("html")) {
      // The page needs only the summary: written after the snapshot, so it holds no read open.
      const page = writeSummaryPage(options.out, summary, generatedAt);
      pending.push({ file: REPORT_FILES.summaryHtml, ...page });
    }
    for (const p of pending) renameSync(p.temp, p.path);
    const files: ReportFile[] = pending.map((p) => ({
      file: p.file,
      path: p.path,
      rows: p.rows,
      bytes: p.bytes,
      sha256: p.sha256,
    }));
    const manifest: ManifestFile[] = files.map((f) => ({
      file: f.file,
      rows: f.rows,
      bytes: f.bytes,
      sha256: f.sha256,
    }));
    const manifestPath = writeManifest(options.out, manifestOf(summary, manifest, generatedAt));
    const result: ReportResult = {
      out: options.out,
      window: { from, to },
      period: options.periodName ?? null,
      time_zone: zone.name,
      run_id: summary.run?.id ?? null,
      files: [
        ...files,
        { file: REPORT_FILES.manifest, path: manifestPath, rows: files.length, ...digestOf(manifestPath) },
      ],
      summary,
    };
    logger.info("report written", {
      out: options.out,
      files: result.files.map((f) => `${f.file}:${f.rows}`).join(" "),
    });
    return result;
  } catch (error) {
    for (const f of open) f.abort();
    for (const p of pending) rmSync(p.temp, { force: true });
    if (workbookTemp !== null) rmSync(workbookTemp, { force: true });
    if (!isOmreconError(error) && isFsError(error)) throw outputError(options.out, error);
    throw error;
  }
}

/**
 * Bytes and SHA-256 of a file just written, read in 1 MB pieces (a million-order workbook is ~170 MB:
 * reading it whole would be the report's peak memory).
 */
function digestOf(path: string): { bytes: number; sha256: string } {
  const hash = createHash("sha256");
  const piece = Buffer.allocUnsafe(1 << 20);
  const fd = openSync(path, "r");
  let bytes = 0;
  try {
    for (let n = readSync(fd, piece); n > 0; n = readSync(fd, piece)) {
      hash.update(piece.subarray(0, n));
      bytes += n;
    }
  } finally {
    closeSync(fd);
  }
  return { bytes, sha256: hash.digest("hex") };
}

function toleranceOf(options: string): bigint {
  try {
    const value = (JSON.parse(options) as { tolerance_nano?: unknown }).tolerance_nano;
    return typeof value === "string" || typeof value === "number" ? BigInt(value) : 0n;
  } catch {
    return 0n;
  }
}

async function* mapRows<T, U>(rows: AsyncIterable<T>, fn: (row: T) => U): AsyncGenerator<U> {
  for await (const row of rows) yield fn(row);
}

async function* mapChunkRows<T, U>(chunks: AsyncIterable<readonly T[]>, fn: (row: T) => U): AsyncGenerator<U> {
  for await (const rows of chunks) for (const row of rows) yield fn(row);
}

function findingCsvCells(f: ReportFinding): string[] {
  return [
    textCell(f.key),
    textCell(f.kind),
    textCell(f.severity),
    intCell(f.order_id),
    textCell(f.payment_memo),
    textCell(f.tx_hash),
    tonCellOf(f.expected_nano === null ? null : f.expected_nano.toString()),
    tonCellOf(f.received_nano === null ? null : f.received_nano.toString()),
    tonCellOf(f.amount_nano === null ? null : f.amount_nano.toString()),
    utcTimeCell(f.first_seen_at),
    textCell(f.message),
  ];
}

function findingValues(f: ReportFinding): unknown[] {
  return [
    f.key,
    f.kind,
    f.severity,
    f.order_id === null ? null : String(f.order_id),
    f.payment_memo,
    f.tx_hash,
    f.expected_nano,
    f.received_nano,
    f.amount_nano,
    f.first_seen_at,
    f.message,
  ];
}

function ledgerCsvCells(l: LedgerLine, times: TimeCells): string[] {
  return [
    intCell(l.row.id),
    times.utc(l.row.created_at),
    textCell(l.row.type),
    tonCell(l.row.amount_nano),
    tonCell(l.row.balance_after_nano),
    intCell(l.row.order_id),
    textCell(l.row.tx_hash),
    l.status,
  ];
}

function ledgerValues(l: LedgerLine): unknown[] {
  return [
    String(l.row.id),
    l.row.created_at,
    l.row.type,
    l.row.amount_nano,
    l.row.balance_after_nano,
    l.row.order_id === null ? null : String(l.row.order_id),
    l.row.tx_hash,
    l.status,
  ];
}

/** Amount cells of the Summary sheet that need text (the workbook writes them from the summary). */
function summaryTextAmounts(s: ReportSummary): number {
  let n = bridgeTextAmounts(s.bridge.days);
  for (const v of [...Object.values(s.bridge.total.orders), ...Object.values(s.bridge.total.chain)])
    if (needsText(v)) n += 1;
  for (const c of Object.values(s.findings.by_severity)) if (needsText(c.amount_nano)) n += 1;
  for (const c of Object.values(s.findings.by_kind)) if (needsText(c.amount_nano)) n += 1;
  for (const f of s.findings.open_now) if (needsText(f.amount_nano)) n += 1;
  return n;
}
