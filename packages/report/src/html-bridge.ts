/**
 * The page's money: headline tiles and the billed-to-received bridge of the period, the same numbers
 * as the workbook's Summary sheet (both read `ReportSummary.bridge`). Each amount carries
 * `data-bridge="<side>.<field>"` so a test can hold the page to the workbook.
 */
import { html, type SafeHtml } from "./html-escape.js";
import { plural, ton } from "./html-format.js";
import { chainGap, ordersGap, type ReportSummary } from "./summary.js";

export function kpiTiles(s: ReportSummary): SafeHtml {
  const o = s.bridge.total.orders;
  const open = s.findings.open_now;
  const stake = open.reduce((sum, f) => sum + (f.amount_nano ?? 0n), 0n);
  const tile = (label: string, value: string, unit = "TON") =>
    html`<div class="kpi"><div class="label">${label}</div><div class="value">${value} <span class="unit">${unit}</span></div></div>`;
  return html`<section class="kpis" aria-label="Totals of the period">
${tile("Billed", ton(o.billed_nano))}
${tile("Received on chain", ton(o.received_nano))}
${tile("Paid from balance", ton(o.from_balance_nano))}
${tile("Shortfall", ton(o.shortfall_nano))}
${tile("Excess", ton(o.excess_nano))}
${tile(`At stake in ${plural(open.length, "open finding")}`, ton(stake))}
</section>`;
}

type Line = [label: string, key: string, nano: bigint, kind?: "total" | "check" | "beside"];

function table(caption: string, lines: readonly Line[]): SafeHtml {
  return html`<table class="bridge">
<thead><tr><th>${caption}</th><th class="num">TON</th></tr></thead>
<tbody>${lines.map(
    ([label, key, nano, kind]) =>
      html`<tr${kind ? html` class="${kind}"` : ""}><td>${label}</td><td class="num" data-bridge="${key}">${ton(nano)}</td></tr>`,
  )}</tbody>
</table>`;
}

export function bridgeSection(s: ReportSummary): SafeHtml {
  const o = s.bridge.total.orders;
  const c = s.bridge.total.chain;
  const orders = table("Billed to received (orders created in the period)", [
    ["billed", "orders.billed_nano", o.billed_nano, "total"],
    ["= received on chain", "orders.received_nano", o.received_nano],
    ["+ paid from balance", "orders.from_balance_nano", o.from_balance_nano],
    ["+ shortfall (missing and under-payments)", "orders.shortfall_nano", o.shortfall_nano],
    ["− excess (over-payments)", "orders.excess_nano", o.excess_nano],
    ["unexplained", "orders.unexplained_nano", ordersGap(o), "check"],
    ["beside it: received for orders not billed", "orders.received_unbilled_nano", o.received_unbilled_nano, "beside"],
  ]);
  const chain = table("Arrived on chain (transfers into payment addresses in the period)", [
    ["arrived", "chain.arrived_nano", c.arrived_nano, "total"],
    ["= covering sets of billed orders", "chain.covering_nano", c.covering_nano],
    ["+ receipts for orders not billed", "chain.unbilled_nano", c.unbilled_nano],
    ["+ duplicates", "chain.duplicates_nano", c.duplicates_nano],
    ["+ orphans", "chain.orphans_nano", c.orphans_nano],
    ["unaccounted", "chain.unaccounted_nano", chainGap(c), "check"],
  ]);
  const status = s.bridge.checked
    ? html`<p class="note"><span class="ok">Closes to the nanoton</span> on both sides, for every day of the period and in total.</p>`
    : html`<p class="note"><span class="bad">Not checked</span>: no reconciliation run has finished, so nothing explains the numbers yet.</p>`;
  return html`<section class="grid" aria-label="The bridge">
<div class="card"><h2>Where the billed money went</h2><div class="scroll">${orders}</div>${status}</div>
<div class="card"><h2>What arrived on chain</h2><div class="scroll">${chain}</div>
<p class="note">Each side is computed from its own data: orders, ledger debits and findings; the chain mirror's transfers.</p></div>
</section>`;
}
