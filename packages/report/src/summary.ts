/**
 * The numbers of one report, built once as plain data: the Summary sheet, manifest.json, the terminal
 * summary of `nightly`/`demo` and the HTML summary page all read this object, so they cannot
 * disagree. Amounts are bigint nanotons.
 */
import { formatTon, SEVERITIES, type Severity } from "@omrecon/core";
import type { ReportBalanceRow, ReportRunHistoryRow, ReportRunRow } from "@omrecon/store";
import type { ChainTotals, ReportBook, TypeTotals } from "./book.js";
import { needsText } from "./digits.js";
import { BridgeError } from "./errors.js";
import type { LedgerBreak } from "./ledger-lines.js";
import type { PeriodName } from "./period.js";
import type { ReportFinding } from "./report-findings.js";
import { addDays, type Zone } from "./zone.js";

/** Orders side: billed = received + from_balance + shortfall − excess; received_unbilled beside it. */
export interface OrdersBridge {
  billed_nano: bigint;
  received_nano: bigint;
  from_balance_nano: bigint;
  shortfall_nano: bigint;
  excess_nano: bigint;
  received_unbilled_nano: bigint;
}

/** Chain side: arrived = covering + unbilled + duplicates + orphans. */
export interface ChainBridge {
  /** Every valid transfer into a payment address in the day or period. */
  arrived_nano: bigint;
  /** Covering sets of billed orders. */
  covering_nano: bigint;
  /** Covering sets of orders that are not billed (refunded, expired, cancelled, pending, …). */
  unbilled_nano: bigint;
  duplicates_nano: bigint;
  orphans_nano: bigint;
}

export interface DayBridge {
  date: string;
  partial: boolean;
  orders: OrdersBridge;
  chain: ChainBridge;
}

export interface FindingCount {
  count: number;
  amount_nano: bigint;
}

export interface SummaryFinding {
  key: string;
  kind: string;
  severity: string;
  order_id: string | null;
  payment_memo: string | null;
  tx_hash: string | null;
  amount_nano: bigint | null;
  first_seen_at: string;
  message: string;
}

/** One reconciliation run that ended, as the summary page charts it. */
export interface RunHistoryEntry {
  id: number;
  /** `done`, `failed` or `interrupted`. */
  status: string;
  started_at: string;
  finished_at: string | null;
  as_of: string;
  /** The open findings the run listed (its own count). */
  open_findings: number;
  /** What those findings put at stake (see the store's `ReportRunHistoryRow.at_stake_nano`). */
  at_stake_nano: bigint;
  /** The run's `--fail-on`, when recorded. */
  fail_on: string | null;
  mirror_incomplete: string | null;
  error: string | null;
}

/** The balance GET /balance last reported beside the ledger's last row (they must agree). */
export interface BalanceCheck {
  reported_nano: bigint | null;
  reported_at: string | null;
  last_row: { id: string; created_at: string; balance_after_nano: bigint } | null;
  /** Reported minus the last row's balance after (an empty ledger leaves 0); null without a reading. */
  difference_nano: bigint | null;
}

/** How many runs the summary's history holds (the page's chart of the last nights). */
export const HISTORY_RUNS = 30;

export interface ReportSummary {
  period: { from: string; to: string; name: PeriodName | null; time_zone: string; days: string[] };
  /** The reconciliation run the report reflects (the latest finished one), or null when none has run. */
  run: { id: number; window_from: string; window_to: string; as_of: string } | null;
  /**
   * `checked` is false only when no reconciliation run has finished yet: there is nothing to explain
   * the numbers with, so they are shown but not held to closing.
   */
  bridge: { checked: boolean; days: DayBridge[]; total: { orders: OrdersBridge; chain: ChainBridge } };
  findings: {
    /** Listed in findings.csv: open, subject in the period. */
    in_period: number;
    by_severity: Record<Severity, FindingCount>;
    by_kind: Record<string, FindingCount & { severity: string }>;
    /** Every finding still open at report time, whatever its subject's date, most severe first. */
    open_now: SummaryFinding[];
  };
  /** Days the period or the data cut (`partial_day`), and why in one sentence. */
  partial_days: string[];
  partial_note: string | null;
  ledger: { rows: number; breaks: number; unconfirmed: number; first_break: LedgerBreak | null };
  /** The balance the API last reported against the ledger's last row (any date). */
  balance: BalanceCheck;
  /** The last runs that ended (any status), oldest first, at most `HISTORY_RUNS`. */
  history: RunHistoryEntry[];
  /** Amount cells written as text in the workbook: more than Excel's 15 significant digits. */
  text_amount_cells: number;
}

/** Every date of the period in the zone, and the days it or the data cut. */
export function periodDays(
  zone: Zone,
  fromMs: number,
  toMs: number,
  horizonMs: number,
): { days: string[]; partial: Set<string> } {
  const days: string[] = [];
  const partial = new Set<string>();
  const last = zone.dateOf(toMs - 1);
  let day = zone.dateOf(fromMs);
  let start = zone.startOfDay(day);
  while (day <= last) {
    const next = addDays(day, 1);
    const end = zone.startOfDay(next);
    days.push(day);
    if (start < fromMs || end > toMs || end > horizonMs) partial.add(day);
    day = next;
    start = end;
  }
  return { days, partial };
}

function ordersOf(types: Iterable<TypeTotals>): OrdersBridge {
  const b = zeroOrders();
  for (const t of types) {
    b.billed_nano += t.billed.total;
    b.received_nano += t.received.total;
    b.from_balance_nano += t.fromBalance.total;
    b.shortfall_nano += t.shortfall.total;
    b.excess_nano += t.excess.total;
    b.received_unbilled_nano += t.receivedUnbilled.total;
  }
  return b;
}

function chainOf(c: ChainTotals | undefined): ChainBridge {
  return c === undefined
    ? zeroChain()
    : {
        arrived_nano: c.arrived.total,
        covering_nano: c.covering.total,
        unbilled_nano: c.unbilled.total,
        duplicates_nano: c.duplicates.total,
        orphans_nano: c.orphans.total,
      };
}

const zeroOrders = (): OrdersBridge => ({
  billed_nano: 0n,
  received_nano: 0n,
  from_balance_nano: 0n,
  shortfall_nano: 0n,
  excess_nano: 0n,
  received_unbilled_nano: 0n,
});
const zeroChain = (): ChainBridge => ({
  arrived_nano: 0n,
  covering_nano: 0n,
  unbilled_nano: 0n,
  duplicates_nano: 0n,
  orphans_nano: 0n,
});

/** What the orders side leaves unexplained (0 when it closes). */
export function ordersGap(b: OrdersBridge): bigint {
  return b.billed_nano - (b.received_nano + b.from_balance_nano + b.shortfall_nano - b.excess_nano);
}

/** What the chain side leaves unaccounted for (0 when it closes). */
export function chainGap(b: ChainBridge): bigint {
  return b.arrived_nano - (b.covering_nano + b.unbilled_nano + b.duplicates_nano + b.orphans_nano);
}

/**
 * The bridge per day and for the period; when `check`, throws `BridgeError` for the first day a side
 * does not close.
 */
export function buildBridge(
  book: ReportBook,
  days: readonly string[],
  partial: ReadonlySet<string>,
  check: boolean,
  unclaimed: (day: string) => string | undefined = () => undefined,
) {
  const out: DayBridge[] = [];
  const total = { orders: zeroOrders(), chain: zeroChain() };
  for (const date of days) {
    const orders = ordersOf(book.days.get(date)?.values() ?? []);
    const chain = chainOf(book.chain.get(date));
    out.push({ date, partial: partial.has(date), orders, chain });
    for (const k of Object.keys(orders) as (keyof OrdersBridge)[]) total.orders[k] += orders[k];
    for (const k of Object.keys(chain) as (keyof ChainBridge)[]) total.chain[k] += chain[k];
  }
  for (const day of check ? out : []) {
    const gap = ordersGap(day.orders);
    if (gap !== 0n) throw ordersError(day, gap, book.unexplained.get(day.date));
    const lost = chainGap(day.chain);
    if (lost !== 0n) throw chainError(day, lost, unclaimed(day.date));
  }
  return { checked: check, days: out, total };
}

const ton = (nano: bigint) => `${formatTon(nano)} TON`;
const again = (date: string) =>
  `reconcile the days around it again (pnpm reconcile --from ${addDays(date, -1)} --to ${addDays(date, 2)}), then report`;

function ordersError(day: DayBridge, gap: bigint, why: { order_id: string; reconciled: boolean } | undefined) {
  const o = day.orders;
  const example = why
    ? why.reconciled
      ? `; order ${why.order_id} differs from its price by more than its findings say`
      : `; order ${why.order_id} was never reconciled`
    : "";
  return new BridgeError(
    `the bridge does not close for ${day.date} (orders side): billed ${ton(o.billed_nano)} ≠ received ${ton(o.received_nano)} + from balance ${ton(o.from_balance_nano)} + shortfall ${ton(o.shortfall_nano)} − excess ${ton(o.excess_nano)}, ${ton(gap)} unexplained${example}; ${again(day.date)}`,
    day.date,
    "orders",
  );
}

function chainError(day: DayBridge, gap: bigint, hash: string | undefined) {
  const c = day.chain;
  const example = hash === undefined ? "" : ` (transfer ${hash})`;
  return new BridgeError(
    `the bridge does not close for ${day.date} (chain side): ${ton(c.arrived_nano)} arrived ≠ covering sets ${ton(c.covering_nano)} + unbilled ${ton(c.unbilled_nano)} + duplicates ${ton(c.duplicates_nano)} + orphans ${ton(c.orphans_nano)}, ${ton(gap)} that no order or finding accounts for${example}; ${again(day.date)}`,
    day.date,
    "chain",
  );
}

export function findingCounts(listed: readonly ReportFinding[]) {
  const bySeverity = Object.fromEntries(SEVERITIES.map((s) => [s, { count: 0, amount_nano: 0n }])) as Record<
    Severity,
    FindingCount
  >;
  const byKind: Record<string, FindingCount & { severity: string }> = {};
  for (const f of listed) {
    const amount = f.amount_nano ?? 0n;
    const s = bySeverity[f.severity as Severity];
    if (s) {
      s.count += 1;
      s.amount_nano += amount;
    }
    const k = byKind[f.kind] ?? { count: 0, amount_nano: 0n, severity: f.severity };
    k.count += 1;
    k.amount_nano += amount;
    byKind[f.kind] = k;
  }
  return { bySeverity, byKind };
}

export function summaryFinding(f: ReportFinding): SummaryFinding {
  return {
    key: f.key,
    kind: f.kind,
    severity: f.severity,
    order_id: f.order_id === null ? null : String(f.order_id),
    payment_memo: f.payment_memo,
    tx_hash: f.tx_hash,
    amount_nano: f.amount_nano,
    first_seen_at: f.first_seen_at,
    message: f.message,
  };
}

export function runOf(run: ReportRunRow | undefined): ReportSummary["run"] {
  return run === undefined
    ? null
    : { id: Number(run.id), window_from: run.window_from, window_to: run.window_to, as_of: run.as_of };
}

export function historyOf(rows: readonly ReportRunHistoryRow[]): RunHistoryEntry[] {
  return rows
    .map((r) => ({
      id: Number(r.id),
      status: r.status,
      started_at: r.started_at,
      finished_at: r.finished_at,
      as_of: r.as_of,
      open_findings: Number(r.findings),
      at_stake_nano: r.at_stake_nano,
      fail_on: failOnOf(r.options),
      mirror_incomplete: r.mirror_incomplete,
      error: r.error,
    }))
    .reverse();
}

function failOnOf(options: string): string | null {
  try {
    const value = (JSON.parse(options) as { fail_on?: unknown }).fail_on;
    return typeof value === "string" ? value : null;
  } catch {
    return null;
  }
}

export function balanceCheckOf(row: ReportBalanceRow): BalanceCheck {
  const last = row.last_row;
  return {
    reported_nano: row.reported?.balance_nano ?? null,
    reported_at: row.reported?.taken_at ?? null,
    last_row:
      last === null
        ? null
        : { id: String(last.id), created_at: last.created_at, balance_after_nano: last.balance_after_nano },
    difference_nano: row.reported === null ? null : row.reported.balance_nano - (last?.balance_after_nano ?? 0n),
  };
}

/** How many amount cells of the bridge the workbook writes as text. */
export function bridgeTextAmounts(days: readonly DayBridge[]): number {
  let n = 0;
  for (const d of days) {
    for (const v of Object.values(d.orders)) if (needsText(v)) n += 1;
    for (const v of Object.values(d.chain)) if (needsText(v)) n += 1;
  }
  return n;
}

export function partialNote(partial: readonly string[], horizon: string | null): string | null {
  if (partial.length === 0) return null;
  const data = horizon ? `, or reach past ${horizon} (the reconciliation the report reflects)` : "";
  return `Partial days (${partial.join(", ")}): the period starts or ends inside them${data}; their totals cover only part of the day.`;
}

/** `findings.csv` and the Findings sheet list these; their amounts count toward the text cells too. */
export function findingsTextAmounts(listed: readonly ReportFinding[]): number {
  let n = 0;
  for (const f of listed) {
    if (needsText(f.expected_nano)) n += 1;
    if (needsText(f.received_nano)) n += 1;
    if (needsText(f.amount_nano)) n += 1;
  }
  return n;
}
