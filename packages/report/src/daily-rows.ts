/** The daily summary's rows: every day of the period × every order type seen in it, days in order. */
import { type ReportBook, TypeTotals } from "./book.js";
import { intCell, textCell, tonCell } from "./cells.js";
import { needsText } from "./digits.js";

export interface DailyRow {
  date: string;
  order_type: string;
  partial: boolean;
  totals: TypeTotals;
}

export function dailyRows(book: ReportBook, days: readonly string[], partial: ReadonlySet<string>): DailyRow[] {
  const types = new Set<string>();
  for (const byType of book.days.values()) for (const type of byType.keys()) types.add(type);
  const sorted = [...types].sort();
  const rows: DailyRow[] = [];
  for (const date of days) {
    const byType = book.days.get(date);
    for (const type of sorted) {
      rows.push({ date, order_type: type, partial: partial.has(date), totals: byType?.get(type) ?? new TypeTotals() });
    }
  }
  return rows;
}

/** The amounts of a row in DAILY_SUMMARY_COLUMNS order (billed … received_unbilled). */
export function dailyAmounts(t: TypeTotals): bigint[] {
  return [
    t.billed.total,
    t.received.total,
    t.fromBalance.total,
    t.shortfall.total,
    t.excess.total,
    t.receivedUnbilled.total,
  ];
}

export function dailyCsvCells(r: DailyRow): string[] {
  const t = r.totals;
  return [
    r.date,
    textCell(r.order_type),
    intCell(t.orders),
    intCell(t.completed),
    intCell(t.pending),
    intCell(t.expired),
    intCell(t.cancelled),
    intCell(t.other),
    intCell(t.stars.total),
    intCell(t.premiumMonths.total),
    ...dailyAmounts(t).map((n) => tonCell(n)),
    r.partial ? "true" : "false",
    intCell(t.critical),
    intCell(t.warning),
  ];
}

/** Workbook values in DAILY_SUMMARY_COLUMNS order. */
export function dailyValues(r: DailyRow): unknown[] {
  const t = r.totals;
  const int = (n: bigint) => (n <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(n) : n.toString());
  return [
    r.date,
    r.order_type,
    t.orders,
    t.completed,
    t.pending,
    t.expired,
    t.cancelled,
    t.other,
    int(t.stars.total),
    int(t.premiumMonths.total),
    ...dailyAmounts(t),
    r.partial,
    t.critical,
    t.warning,
  ];
}

export function dailyTextAmounts(rows: readonly DailyRow[]): number {
  let n = 0;
  for (const r of rows) for (const a of dailyAmounts(r.totals)) if (needsText(a)) n += 1;
  return n;
}
