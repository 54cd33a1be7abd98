/**
 * `summary.html`: the night on one self-contained page for the finance lead (docs/cli.md#the-summary-page).
 * Everything it shows comes from the `ReportSummary` the workbook and manifest read; its script and
 * style are inlined and admitted by hash in a CSP that forbids every request.
 */
import { pageAssets } from "./html-assets.js";
import { bridgeSection, kpiTiles } from "./html-bridge.js";
import { chartData } from "./html-charts.js";
import { html, jsonForScript, type SafeHtml, trustedHtml } from "./html-escape.js";
import { findingsByKind, openFindingsTable } from "./html-findings.js";
import { count, localTime, outside, plural, ton } from "./html-format.js";
import { ledgerSection } from "./html-ledger.js";
import { verdictOf } from "./html-verdict.js";
import type { ReportSummary } from "./summary.js";
import { Zone } from "./zone.js";

export interface SummaryPageOptions {
  generatedAt: Date;
}

const VERDICT_WORD = { pass: "PASS", findings: "FINDINGS", failed: "FAILED" } as const;

export function summaryPage(s: ReportSummary, options: SummaryPageOptions): string {
  const assets = pageAssets();
  const zone = new Zone(s.period.time_zone);
  const verdict = verdictOf(s);
  const first = s.period.days[0] ?? "";
  const last = s.period.days.at(-1) ?? "";
  const span = first === last ? first : `${first} to ${last}`;
  const title = `omrecon ${VERDICT_WORD[verdict.status]} · ${span}`;

  const page = html`<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${assets.csp}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="no-referrer">
<meta name="generator" content="omrecon">
<title>${title}</title>
<link rel="icon" href="data:,">
<style>${trustedHtml(assets.style)}</style>
</head>
<body>
<main>
<section class="card verdict ${verdict.status}" aria-label="Verdict">
<div class="brand">omrecon · nightly summary</div>
<div class="badge" id="verdict" data-verdict="${verdict.status}">${VERDICT_WORD[verdict.status]}</div>
<h1>${verdict.headline}</h1>
<div class="details">${verdict.details.map((d) => html`<p>${outside(d, 300)}</p>`)}</div>
<dl class="meta">
<dt>period</dt><dd>${periodLine(s, zone)}</dd>
<dt>time zone</dt><dd>${zone.name} (every time on this page)</dd>
<dt>run</dt><dd>${runLine(s, zone)}</dd>
<dt>generated</dt><dd>${localTime(options.generatedAt.toISOString(), zone)}</dd>
</dl>
</section>
${kpiTiles(s)}
${bridgeSection(s)}
<section class="grid" aria-label="Charts">
<figure class="card"><h2>Billed, received on chain and paid from balance, per day</h2>
<div class="chart" id="chart-daily" role="img" aria-label="Daily billed, received on chain and paid from balance"></div>
${s.partial_days.length > 0 ? html`<p class="note">* partial day: ${s.partial_note ?? ""}</p>` : ""}
<details><summary>the numbers per day</summary>${dailyTable(s)}</details>
</figure>
<figure class="card"><h2>Open findings and TON at stake, last ${plural(s.history.length, "run")}</h2>
<div class="chart" id="chart-history" role="img" aria-label="Open findings and TON at stake per run"></div>
<p class="note">${historyNote(s)}</p>
</figure>
</section>
<div class="page-two">
<section class="grid" aria-label="Findings and ledger">
${findingsByKind(s)}
${ledgerSection(s, zone)}
</section>
${openFindingsTable(s, zone)}
</div>
<footer>Written by omrecon from the report's own numbers (the workbook's Summary sheet and manifest.json say the same). Charts by ${assets.chartLibrary}, inlined; this page makes no network request. <noscript>Charts need JavaScript; every number is also in the tables.</noscript></footer>
</main>
<script type="application/json" id="omrecon-chart-data">${jsonForScript(chartData(s, zone))}</script>
<script>${trustedHtml(assets.script)}</script>
</body>
</html>
`;
  return page.toString();
}

function periodLine(s: ReportSummary, zone: Zone): SafeHtml {
  const name = s.period.name === null ? "" : ` (${s.period.name})`;
  return html`${localTime(s.period.from, zone)} to ${localTime(s.period.to, zone)}${name}, ${plural(s.period.days.length, "day")}`;
}

function runLine(s: ReportSummary, zone: Zone): SafeHtml | string {
  if (s.run === null) return "none has finished";
  return html`run ${String(s.run.id)}, as of ${localTime(s.run.as_of, zone)} (window ${localTime(s.run.window_from, zone)} to ${localTime(s.run.window_to, zone)})`;
}

function historyNote(s: ReportSummary): string {
  const failed = s.history.filter((h) => h.status !== "done").length;
  const base = "Each run's own count of its open findings; TON at stake sums their latest amounts.";
  return failed === 0 ? base : `${base} ✕ marks ${plural(failed, "run")} that did not finish (nothing counted).`;
}

function dailyTable(s: ReportSummary): SafeHtml {
  return html`<div class="scroll"><table>
<thead><tr><th>day</th><th class="num">billed</th><th class="num">received on chain</th><th class="num">paid from balance</th><th class="num">shortfall</th><th class="num">excess</th></tr></thead>
<tbody>${s.bridge.days.map(
    (d) =>
      html`<tr><td>${d.date}${d.partial ? " *" : ""}</td><td class="num">${ton(d.orders.billed_nano)}</td><td class="num">${ton(d.orders.received_nano)}</td><td class="num">${ton(d.orders.from_balance_nano)}</td><td class="num">${ton(d.orders.shortfall_nano)}</td><td class="num">${ton(d.orders.excess_nano)}</td></tr>`,
  )}</tbody></table></div><p class="note">${count(s.bridge.days.length)} days; TON.</p>`;
}
