/**
 * Which findings a report shows and counts. A finding is current when the run whose word on its
 * subject counts saw it: for a finding about an order, the run that last concluded about the order;
 * otherwise the latest run whose window held the subject's time (balance and control totals: the
 * latest run). An older run's finding about a subject a newer run looked at again is history.
 */
import { SEVERITY_RANK, type Severity } from "@omrecon/core";
import type { ReportFindingRow, ReportReader, ReportRunRow } from "@omrecon/store";
import { instantMs } from "./cells.js";

export interface ReportFinding extends ReportFindingRow {
  /** The instant of its subject (order created, transfer arrived, ledger row), null when none. */
  subject_ms: number | null;
  /** Not resolved at its current amounts. */
  open: boolean;
  /** Its subject falls in the period (control totals: their window overlaps it). */
  in_period: boolean;
}

export interface OrderFindings {
  /** Missing and under-payments, and debits short of the price (current findings, resolved ones too). */
  shortfall: bigint;
  /** Over-payments and debits above the price. */
  excess: bigint;
  /** Open findings by severity, for `findings_critical` / `findings_warning`. */
  critical: number;
  warning: number;
}

export interface ReportFindings {
  /** Current findings (resolved ones included: money does not care), most severe first, then key. */
  current: ReportFinding[];
  /** What `findings.csv` lists: current, open, subject in the period. */
  listed: ReportFinding[];
  /** Every finding still open at report time, whatever its subject's time (the Summary sheet). */
  openNow: ReportFinding[];
  /** By order id (decimal text). */
  byOrder: Map<string, OrderFindings>;
}

const TRANSFER_SUBJECT = new Set(["duplicate_payment", "orphan_transfer", "bounced_transfer", "topup_without_credit"]);
const LATEST_RUN_SUBJECT = new Set(["balance_mismatch", "control_total_mismatch"]);

export async function classifyFindings(
  reader: ReportReader,
  runs: readonly ReportRunRow[],
  period: { fromMs: number; toMs: number },
): Promise<ReportFindings> {
  const latest = runs.at(-1);
  const current: ReportFinding[] = [];
  if (latest !== undefined) {
    for (const row of await reader.findings()) {
      const subject = subjectMs(row);
      const run = authoritativeRun(row, subject, runs, latest);
      if (run === null || !(await reader.runSawFinding(run, row.key))) continue;
      current.push({
        ...row,
        subject_ms: subject,
        open: row.resolved === 0n,
        in_period: inPeriod(row, subject, period),
      });
    }
  }
  const rank = (s: string) => SEVERITY_RANK[s as Severity] ?? 0;
  current.sort((a, b) => rank(b.severity) - rank(a.severity) || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  const byOrder = new Map<string, OrderFindings>();
  for (const f of current) {
    if (f.order_id === null || f.kind === "duplicate_payment") continue;
    const id = String(f.order_id);
    let o = byOrder.get(id);
    if (o === undefined) {
      o = { shortfall: 0n, excess: 0n, critical: 0, warning: 0 };
      byOrder.set(id, o);
    }
    const amount = f.amount_nano ?? 0n;
    if (f.kind === "missing_payment" || f.kind === "underpaid") o.shortfall += amount;
    else if (f.kind === "overpaid") o.excess += amount;
    else if (f.kind === "balance_debit_mismatch") {
      // expected = the price, received = what the debits took.
      if ((f.received_nano ?? 0n) < (f.expected_nano ?? 0n)) o.shortfall += amount;
      else o.excess += amount;
    }
    if (f.open && f.severity === "critical") o.critical += 1;
    if (f.open && f.severity === "warning") o.warning += 1;
  }
  // Duplicates count on their order's day too (docs/cli.md: the open findings of orders created that day).
  for (const f of current) {
    if (f.order_id === null || f.kind !== "duplicate_payment" || !f.open) continue;
    const id = String(f.order_id);
    const o = byOrder.get(id) ?? { shortfall: 0n, excess: 0n, critical: 0, warning: 0 };
    byOrder.set(id, o);
    if (f.severity === "critical") o.critical += 1;
    if (f.severity === "warning") o.warning += 1;
  }
  return {
    current,
    listed: current.filter((f) => f.open && f.in_period),
    openNow: current.filter((f) => f.open),
    byOrder,
  };
}

function subjectMs(row: ReportFindingRow): number | null {
  if (TRANSFER_SUBJECT.has(row.kind)) {
    if (row.transfer_utime !== null) return Number(row.transfer_utime) * 1000;
  } else if (row.order_id !== null && row.order_created_at !== null) {
    return instantMs(row.order_created_at);
  }
  if (row.ledger_created_at !== null) return instantMs(row.ledger_created_at);
  if (row.order_created_at !== null) return instantMs(row.order_created_at);
  return null;
}

function authoritativeRun(
  row: ReportFindingRow,
  subject: number | null,
  runs: readonly ReportRunRow[],
  latest: ReportRunRow,
): number | null {
  if (LATEST_RUN_SUBJECT.has(row.kind)) return Number(latest.id);
  if (row.order_id !== null && row.order_run_id !== null) return Number(row.order_run_id);
  if (subject === null) return Number(latest.id);
  const at = new Date(subject).toISOString();
  for (let i = runs.length - 1; i >= 0; i--) {
    const run = runs[i]!;
    if (run.window_from <= at && at < run.window_to) return Number(run.id);
  }
  return null;
}

function inPeriod(row: ReportFindingRow, subject: number | null, period: { fromMs: number; toMs: number }): boolean {
  if (row.kind === "control_total_mismatch") {
    const details = parseDetails(row.details);
    const from = typeof details.window_from === "string" ? instantMs(details.window_from) : Number.NaN;
    const to = typeof details.window_to === "string" ? instantMs(details.window_to) : Number.NaN;
    return !(to <= period.fromMs || from >= period.toMs);
  }
  if (subject === null) return true;
  return subject >= period.fromMs && subject < period.toMs;
}

function parseDetails(json: string): Record<string, unknown> {
  try {
    const value = JSON.parse(json) as unknown;
    return typeof value === "object" && value !== null ? (value as Record<string, unknown>) : {};
  } catch {
    return {};
  }
}
