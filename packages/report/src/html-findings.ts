/**
 * The page's findings: counts and amounts by severity and kind (the period's open findings, as the
 * workbook's Summary sheet), and the open findings table — the 50 most severe and largest of those
 * open at report time, the rest counted (findings.csv and the workbook list them all).
 */
import { SEVERITIES, SEVERITY_RANK, type Severity } from "@omrecon/core";
import { html, type SafeHtml } from "./html-escape.js";
import { count, localTime, outside, plural, ton } from "./html-format.js";
import type { ReportSummary, SummaryFinding } from "./summary.js";
import type { Zone } from "./zone.js";

/** Rows of the open findings table. */
export const OPEN_ROWS = 50;

const rank = (severity: string) => SEVERITY_RANK[severity as Severity] ?? 0;
const sev = (severity: string) => html`<span class="sev ${severity}">${severity}</span>`;

/** Most severe first, then the largest amount, then key: what a person should look at first. */
export function topOpen(open: readonly SummaryFinding[]): SummaryFinding[] {
  return [...open].sort((a, b) => {
    const bySeverity = rank(b.severity) - rank(a.severity);
    if (bySeverity !== 0) return bySeverity;
    const amountA = a.amount_nano ?? -1n;
    const amountB = b.amount_nano ?? -1n;
    if (amountA !== amountB) return amountB > amountA ? 1 : -1;
    return a.key < b.key ? -1 : a.key > b.key ? 1 : 0;
  });
}

export function findingsByKind(s: ReportSummary): SafeHtml {
  const kinds = Object.entries(s.findings.by_kind).sort(
    ([ka, a], [kb, b]) =>
      rank(b.severity) - rank(a.severity) ||
      (b.amount_nano > a.amount_nano ? 1 : b.amount_nano < a.amount_nano ? -1 : 0) ||
      (ka < kb ? -1 : 1),
  );
  const rows = SEVERITIES.flatMap((severity) => {
    const total = s.findings.by_severity[severity];
    const own = kinds.filter(([, k]) => k.severity === severity);
    if (total.count === 0 && own.length === 0) return [];
    return [
      html`<tr class="total"><td>${sev(severity)}</td><td class="num">${count(total.count)}</td><td class="num">${ton(total.amount_nano)}</td></tr>`,
      ...own.map(
        ([kind, k]) =>
          html`<tr><td>${outside(kind)}</td><td class="num">${count(k.count)}</td><td class="num">${ton(k.amount_nano)}</td></tr>`,
      ),
    ];
  });
  const body =
    rows.length === 0
      ? html`<p class="ok">No open finding in the period.</p>`
      : html`<div class="scroll"><table>
<thead><tr><th>severity / kind</th><th class="num">open</th><th class="num">TON at stake</th></tr></thead>
<tbody>${rows}</tbody></table></div>`;
  return html`<div class="card"><h2>Findings in the period, by severity and kind</h2>${body}
<p class="note">Open findings whose subject (order, transfer, ledger row) falls in the period: ${plural(s.findings.in_period, "finding")}, as in findings.csv.</p></div>`;
}

export function openFindingsTable(s: ReportSummary, zone: Zone): SafeHtml {
  const open = topOpen(s.findings.open_now);
  const shown = open.slice(0, OPEN_ROWS);
  const rest = open.length - shown.length;
  if (open.length === 0) {
    return html`<section class="card open"><h2>Open findings</h2><p class="ok">None: every finding is resolved.</p></section>`;
  }
  const rows = shown.map(
    (f) => html`<tr>
<td>${sev(f.severity)}</td><td class="key">${outside(f.key, 48)}</td><td data-label="order">${outside(f.order_id)}</td>
<td class="memo" data-label="memo">${outside(f.payment_memo, 40)}</td><td class="num" data-label="TON at stake">${ton(f.amount_nano)}</td>
<td class="hide-narrow">${localTime(f.first_seen_at, zone)}</td></tr>`,
  );
  return html`<section class="card open"><h2>Open findings: ${count(open.length)} at report time${open.length > OPEN_ROWS ? `, the ${OPEN_ROWS} most severe and largest` : ""}</h2>
<div class="scroll"><table>
<thead><tr><th class="c-sev">severity</th><th class="c-key">key</th><th class="c-order">order</th><th class="c-memo">memo</th><th class="num c-amount">TON at stake</th><th class="hide-narrow c-seen">first seen</th></tr></thead>
<tbody>${rows}</tbody></table></div>
${rest > 0 ? html`<p class="more">… and ${plural(rest, "more open finding")}: findings.csv (those of the period) and the workbook's Summary sheet (all) list every one.</p>` : ""}
</section>`;
}
