/**
 * The Summary sheet: the period, the run the report reflects, the bridge for the period and per day,
 * findings by severity and kind with their amounts, notes (partial days, ledger, text amounts), and
 * every finding still open at report time. Everything comes from the `ReportSummary` object.
 */

import { formatTon } from "@omrecon/core";
import type ExcelJS from "exceljs";
import { instantMs } from "./cells.js";
import { needsText } from "./digits.js";
import { chainGap, ordersGap, type ReportSummary } from "./summary.js";

const DAY_MS = 86_400_000;
const EPOCH_DAYS = 25_569;
const TON = { numFmt: "0.000000000" };
const TIME = { numFmt: "yyyy-mm-dd hh:mm:ss" };
const DATE = { numFmt: "yyyy-mm-dd" };
const BOLD = { bold: true };

type Value = string | number | boolean | bigint | null | { time: string } | { date: string };

/** Returns the number of rows written. */
export function writeSummarySheet(sheet: ExcelJS.Worksheet, s: ReportSummary): number {
  sheet.columns = [
    { width: 34 },
    { width: 20 },
    { width: 20 },
    { width: 20 },
    { width: 20 },
    { width: 20 },
    { width: 20 },
    { width: 20 },
    { width: 20 },
    { width: 20 },
    { width: 20 },
    { width: 20 },
    { width: 20 },
    { width: 60 },
  ];
  let rows = 0;
  const add = (values: readonly Value[], bold = false) => {
    const row = sheet.addRow([]);
    for (const [i, v] of values.entries()) set(row.getCell(i + 1), v);
    if (bold) row.font = BOLD;
    row.commit();
    rows += 1;
  };
  const blank = () => add([]);

  add(["omrecon report"], true);
  add(["period from", { time: s.period.from }, s.period.name ?? "from/to"]);
  add(["period to (exclusive)", { time: s.period.to }]);
  add(["days cut in time zone", s.period.time_zone]);
  if (s.run) {
    add(["reconciliation run", String(s.run.id)]);
    add(["run window", { time: s.run.window_from }, { time: s.run.window_to }]);
    add(["run as of", { time: s.run.as_of }]);
  } else add(["reconciliation run", "none yet: run `pnpm reconcile` for paid and reconciliation columns"]);
  blank();

  const t = s.bridge.total;
  add(["Billed to received (orders created in the period)", "TON"], true);
  add(["billed", t.orders.billed_nano]);
  add(["= received on chain", t.orders.received_nano]);
  add(["+ paid from balance", t.orders.from_balance_nano]);
  add(["+ shortfall (missing and under-payments)", t.orders.shortfall_nano]);
  add(["− excess (over-payments)", t.orders.excess_nano]);
  add(["unexplained", ordersGap(t.orders)]);
  add(["beside it: received for orders not billed", t.orders.received_unbilled_nano]);
  blank();
  add(["Arrived on chain (transfers into payment addresses in the period)", "TON"], true);
  add(["arrived", t.chain.arrived_nano]);
  add(["= covering sets of billed orders", t.chain.covering_nano]);
  add(["+ receipts for orders not billed", t.chain.unbilled_nano]);
  add(["+ duplicates", t.chain.duplicates_nano]);
  add(["+ orphans", t.chain.orphans_nano]);
  add(["unaccounted", chainGap(t.chain)]);
  blank();

  add(
    [
      "date",
      "partial_day",
      "billed_ton",
      "received_ton",
      "paid_from_balance_ton",
      "shortfall_ton",
      "excess_ton",
      "received_unbilled_ton",
      "arrived_ton",
      "covering_ton",
      "unbilled_receipts_ton",
      "duplicates_ton",
      "orphans_ton",
    ],
    true,
  );
  for (const d of s.bridge.days) {
    add([
      { date: d.date },
      d.partial ? "true" : "false",
      d.orders.billed_nano,
      d.orders.received_nano,
      d.orders.from_balance_nano,
      d.orders.shortfall_nano,
      d.orders.excess_nano,
      d.orders.received_unbilled_nano,
      d.chain.arrived_nano,
      d.chain.covering_nano,
      d.chain.unbilled_nano,
      d.chain.duplicates_nano,
      d.chain.orphans_nano,
    ]);
  }
  blank();

  add(["Findings in the period (open)", "count", "amount_ton"], true);
  for (const [severity, c] of Object.entries(s.findings.by_severity)) add([severity, c.count, c.amount_nano]);
  for (const [kind, c] of Object.entries(s.findings.by_kind))
    add([`  ${kind} (${c.severity})`, c.count, c.amount_nano]);
  blank();

  add(["Notes"], true);
  if (!s.bridge.checked)
    add(["The bridge is not checked: no reconciliation run has finished yet (run `pnpm reconcile`)."]);
  if (s.partial_note) add([s.partial_note]);
  add([
    `ledger: ${s.ledger.rows} rows in the period, ${s.ledger.breaks} chain breaks, ${s.ledger.unconfirmed} unconfirmed top-ups`,
  ]);
  add([
    `amounts written as text because they need more than 15 significant digits (Excel keeps 15): ${s.text_amount_cells}`,
  ]);
  blank();

  add([`Open at report time: ${s.findings.open_now.length} findings (any date)`], true);
  add(["key", "kind", "severity", "order_id", "amount_ton", "first_seen_utc", "message"], true);
  for (const f of s.findings.open_now) {
    add([f.key, f.kind, f.severity, f.order_id, f.amount_nano, { time: f.first_seen_at }, f.message]);
  }
  return rows;
}

function set(cell: ExcelJS.Cell, v: Value): void {
  if (v === null || v === undefined) return;
  if (typeof v === "bigint") {
    if (needsText(v)) {
      cell.value = formatTon(v);
      cell.alignment = { horizontal: "right" };
    } else {
      cell.value = Number(v) / 1e9;
      cell.style = TON;
    }
  } else if (typeof v === "object") {
    if ("time" in v) {
      cell.value = instantMs(v.time) / DAY_MS + EPOCH_DAYS;
      cell.style = TIME;
    } else {
      cell.value = Date.parse(`${v.date}T00:00:00Z`) / DAY_MS + EPOCH_DAYS;
      cell.style = DATE;
    }
  } else cell.value = v;
}
