/** What `report` prints: the `--json` document and the terminal lines (the bridge instead of two bare totals). */
import { formatTon } from "@omrecon/core";
import { REPORT_FILES } from "./columns.js";
import { tonFields } from "./manifest.js";
import type { ReportFile, ReportResult } from "./report.js";
import type { ReportSummary } from "./summary.js";

/** `report --json` (docs/cli.md): the files with rows and SHA-256, and the bridge's totals as exact TON decimals. */
export function reportJson(result: ReportResult) {
  const s = result.summary;
  return {
    out: result.out,
    window: result.window,
    period: result.period,
    time_zone: result.time_zone,
    run_id: result.run_id,
    files: result.files,
    bridge: {
      checked: s.bridge.checked,
      orders: tonFields(s.bridge.total.orders),
      chain: tonFields(s.bridge.total.chain),
    },
    partial_days: s.partial_days,
    findings: { in_period: s.findings.in_period, open_now: s.findings.open_now.length },
    text_amount_cells: s.text_amount_cells,
  };
}

/** An exact TON decimal with thousands grouped, for people: `20,481.781`. */
export function tonText(nano: bigint): string {
  const text = formatTon(nano);
  const [whole = "", frac] = text.split(".");
  const sign = whole.startsWith("-") ? "-" : "";
  const digits = sign ? whole.slice(1) : whole;
  const grouped = digits.replace(/\B(?=(\d{3})+(?!\d))/g, ",");
  return `${sign}${grouped}${frac === undefined ? "" : `.${frac}`}`;
}

/** The bridge in three lines: what was billed and how it was settled, and what arrived on chain. */
export function bridgeLines(s: ReportSummary, indent = "  "): string[] {
  const o = s.bridge.total.orders;
  const c = s.bridge.total.chain;
  return [
    `${indent}billed ${tonText(o.billed_nano)} TON = received on chain ${tonText(o.received_nano)} + paid from balance ${tonText(o.from_balance_nano)} + shortfall ${tonText(o.shortfall_nano)} − excess ${tonText(o.excess_nano)}`,
    `${indent}received for orders not billed (refunded, expired, cancelled, pending): ${tonText(o.received_unbilled_nano)} TON`,
    `${indent}arrived on chain ${tonText(c.arrived_nano)} TON = covering sets ${tonText(c.covering_nano)} + unbilled ${tonText(c.unbilled_nano)} + duplicates ${tonText(c.duplicates_nano)} + orphans ${tonText(c.orphans_nano)}`,
  ];
}

/** Human lines for a report result. */
export function reportText(result: ReportResult): string {
  const s = result.summary;
  const run = s.run ? `run ${s.run.id}` : "no reconciliation run yet";
  const lines = [
    `report ${result.window.from} .. ${result.window.to} (${result.time_zone}${result.period ? `, ${result.period}` : ""}), ${run}:`,
    ...bridgeLines(s),
  ];
  if (!s.bridge.checked)
    lines.push("  the bridge is not checked: no reconciliation run has finished (run `pnpm reconcile`)");
  if (s.partial_days.length > 0) lines.push(`  partial days: ${s.partial_days.join(", ")}`);
  if (s.text_amount_cells > 0)
    lines.push(`  ${s.text_amount_cells} amounts need more than 15 digits: text cells in the workbook`);
  for (const f of result.files) lines.push(`  ${f.path}  ${fileContents(f)}`);
  return `${lines.join("\n")}\n`;
}

/** What a written file holds, for a terminal line: rows of a table; the page and the manifest say what they are. */
export function fileContents(f: ReportFile): string {
  const n = f.rows.toLocaleString("en-US");
  if (f.file === REPORT_FILES.summaryHtml) return "the night on one page: open it in a browser";
  if (f.file === REPORT_FILES.manifest) return `${n} files with their SHA-256`;
  return `${n} rows`;
}
