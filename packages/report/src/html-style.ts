/**
 * The summary page's style: one column on a phone, two where there is room, and for print an A4
 * layout of at most two pages: the overview on the first, the findings on the second (small type,
 * the cards side by side, charts shrunk to their column, the open findings table one line a row with
 * long keys and memos cut by an ellipsis).
 */
export const PAGE_STYLE = `
:root {
  color-scheme: light;
  --ink: #111827; --muted: #4b5563; --faint: #6b7280; --line: #e5e7eb; --paper: #ffffff; --wash: #f3f4f6;
  --pass: #15803d; --pass-bg: #dcfce7; --findings: #b45309; --findings-bg: #fef3c7; --failed: #b91c1c; --failed-bg: #fee2e2;
  --critical: #b91c1c; --warning: #b45309; --info: #1d4ed8;
}
* { box-sizing: border-box; }
html { -webkit-text-size-adjust: 100%; text-size-adjust: 100%; }
body {
  margin: 0; background: var(--wash); color: var(--ink);
  font: 14px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, "DejaVu Sans", sans-serif;
}
main { max-width: 1180px; margin: 0 auto; padding: 16px; }
h1, h2, h3 { margin: 0; line-height: 1.25; }
h2 { font-size: 15px; margin-bottom: 8px; }
h3 { font-size: 13px; margin: 10px 0 4px; color: var(--muted); }
p { margin: 4px 0; }
figure { margin: 0; }
.card { background: var(--paper); border: 1px solid var(--line); border-radius: 10px; padding: 14px 16px; margin-bottom: 14px; min-width: 0; }
.grid { display: grid; grid-template-columns: 1fr; gap: 14px; margin-bottom: 14px; }
.grid > .card { margin-bottom: 0; }
@media (min-width: 900px) { .grid { grid-template-columns: 1fr 1fr; } }
.brand { font-size: 12px; color: var(--faint); letter-spacing: .02em; margin-bottom: 6px; }
.verdict { border-left: 6px solid; }
.verdict.pass { border-color: var(--pass); }
.verdict.findings { border-color: var(--findings); }
.verdict.failed { border-color: var(--failed); }
.badge { display: inline-block; font-weight: 700; font-size: 12px; letter-spacing: .06em; padding: 2px 8px; border-radius: 999px; margin-bottom: 6px; }
.pass .badge { color: var(--pass); background: var(--pass-bg); }
.findings .badge { color: var(--findings); background: var(--findings-bg); }
.failed .badge { color: var(--failed); background: var(--failed-bg); }
.verdict h1 { font-size: 21px; }
.verdict .details { color: var(--muted); }
.meta { display: grid; grid-template-columns: max-content 1fr; gap: 2px 12px; margin: 10px 0 0; font-size: 13px; }
.meta dt { color: var(--faint); }
.meta dd { margin: 0; overflow-wrap: anywhere; }
.kpis { display: grid; grid-template-columns: repeat(auto-fit, minmax(150px, 1fr)); gap: 10px; margin-bottom: 14px; }
.kpi { background: var(--paper); border: 1px solid var(--line); border-radius: 10px; padding: 10px 12px; min-width: 0; }
.kpi .label { font-size: 12px; color: var(--faint); }
.kpi .value { font-size: 18px; font-weight: 650; font-variant-numeric: tabular-nums; overflow-wrap: anywhere; }
.kpi .unit { font-size: 12px; color: var(--faint); font-weight: 400; }
.scroll { overflow-x: auto; -webkit-overflow-scrolling: touch; }
table { border-collapse: collapse; width: 100%; font-size: 13px; }
th, td { text-align: left; padding: 4px 8px; border-bottom: 1px solid var(--line); vertical-align: top; }
th { font-size: 12px; color: var(--faint); font-weight: 600; white-space: nowrap; }
td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
tr.total td { font-weight: 650; border-top: 2px solid var(--ink); }
tr.check td { color: var(--muted); }
tr.beside td { color: var(--muted); font-style: italic; }
.bridge th:first-child { white-space: normal; }
.sev { font-weight: 650; text-transform: lowercase; }
.sev.critical { color: var(--critical); }
.sev.warning { color: var(--warning); }
.sev.info { color: var(--info); }
.open td { overflow-wrap: anywhere; }
.open td.key { font-family: ui-monospace, "DejaVu Sans Mono", monospace; font-size: 12px; }
.none { color: var(--faint); }
.ok { color: var(--pass); font-weight: 650; }
.bad { color: var(--failed); font-weight: 650; }
.note { font-size: 12px; color: var(--muted); }
.chart { min-height: 250px; }
.chart .u-legend { font-size: 12px; }
.more { color: var(--muted); font-size: 13px; margin-top: 6px; }
details summary { cursor: pointer; color: var(--muted); font-size: 13px; margin-top: 8px; }
footer { font-size: 12px; color: var(--faint); padding: 4px 2px 24px; }
@media (max-width: 600px) {
  main { padding: 10px; }
  .card { padding: 12px; }
  .verdict h1 { font-size: 18px; }
  .kpis { grid-template-columns: 1fr 1fr; }
  .kpi .value { font-size: 15px; }
  .open .hide-narrow { display: none; }
  .open table, .open tbody, .open tr, .open td { display: block; width: auto; }
  .open thead { display: none; }
  .open tr { padding: 6px 0; border-bottom: 1px solid var(--line); }
  .open td { border: 0; padding: 1px 0; text-align: left; white-space: normal; }
  .open td[data-label]::before { content: attr(data-label) " "; color: var(--faint); font-family: system-ui, sans-serif; font-size: 12px; }
}
@page { size: A4; margin: 10mm 10mm 11mm; }
@media print {
  body { background: #fff; font-size: 9pt; }
  main { max-width: none; padding: 0; }
  .card, .kpi { border-radius: 0; border-color: #d1d5db; padding: 6px 8px; margin-bottom: 6px; break-inside: avoid; }
  .grid { grid-template-columns: 1fr 1fr; gap: 6px; margin-bottom: 6px; }
  .kpis { grid-template-columns: repeat(6, 1fr); gap: 6px; margin-bottom: 6px; }
  .kpi .value { font-size: 10.5pt; }
  .verdict h1 { font-size: 13pt; }
  h2 { font-size: 10pt; margin-bottom: 4px; }
  table { font-size: 7.5pt; line-height: 1.2; }
  th { font-size: 7pt; }
  th, td { padding: 0.5px 4px; }
  .chart { min-height: 0; }
  /* Charts drawn for the screen shrink to the printed column (their canvases hold twice the pixels). */
  .chart .uplot, .chart .u-wrap { width: 100% !important; height: auto !important; }
  .chart .u-wrap canvas { position: static !important; display: block; width: 100% !important; height: auto !important; }
  .chart .u-over, .chart .u-under, .chart .u-cursor-x, .chart .u-cursor-y { display: none !important; }
  .chart .u-legend { font-size: 7pt; }
  .page-two { break-before: page; }
  .card.open { break-inside: auto; }
  .open table { font-size: 7pt; }
  .open tr { break-inside: avoid; }
  .open table { table-layout: fixed; }
  .open td { white-space: nowrap; overflow: hidden; text-overflow: ellipsis; overflow-wrap: normal; }
  .open td.key { font-size: 7pt; }
  .open .c-sev { width: 9%; } .open .c-key { width: 30%; } .open .c-order { width: 9%; }
  .open .c-memo { width: 21%; } .open .c-amount { width: 15%; } .open .c-seen { width: 16%; }
  details { display: none; }
  footer { padding: 0; font-size: 7pt; }
}
`;
