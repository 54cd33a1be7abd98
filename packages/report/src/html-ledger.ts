/**
 * The page's ledger: whether the balance ledger's chain holds over the period (each row's balance
 * after = the previous row's + its amount, as balance_ledger.csv's `chain_status`), where it first
 * breaks, and the balance GET /balance last reported against the ledger's last row.
 */
import { html, type SafeHtml } from "./html-escape.js";
import { count, localTime, plural, ton } from "./html-format.js";
import type { ReportSummary } from "./summary.js";
import type { Zone } from "./zone.js";

export function ledgerSection(s: ReportSummary, zone: Zone): SafeHtml {
  const l = s.ledger;
  const chain =
    l.first_break === null
      ? html`<p><span class="ok">Chain intact</span>: each of the ${plural(l.rows, "ledger row")} in the period follows from the one before it.</p>`
      : html`<p><span class="bad">Chain breaks</span> ${l.breaks === 1 ? "once" : `${count(l.breaks)} times`} in ${plural(l.rows, "row")}; first at row ${String(l.first_break.id)} (${localTime(l.first_break.created_at, zone)}): it says ${ton(l.first_break.stated_nano)} TON after it, the rows before it make ${ton(l.first_break.expected_nano)} TON.</p>`;
  const unconfirmed =
    l.unconfirmed === 0
      ? ""
      : html`<p><span class="bad">${plural(l.unconfirmed, "top-up")}</span> in the period not found on chain (chain_status unconfirmed in balance_ledger.csv).</p>`;
  return html`<div class="card"><h2>Balance ledger</h2>${chain}${unconfirmed}${balanceLines(s, zone)}</div>`;
}

function balanceLines(s: ReportSummary, zone: Zone): SafeHtml {
  const b = s.balance;
  if (b.reported_nano === null) return html`<p class="note">No balance reading yet (sync reads GET /balance).</p>`;
  const last =
    b.last_row === null
      ? "the ledger is empty (0 TON)"
      : `ledger row ${b.last_row.id} (${localTime(b.last_row.created_at, zone)}) leaves ${ton(b.last_row.balance_after_nano)} TON`;
  const verdict =
    b.difference_nano === 0n
      ? html`<span class="ok">They agree.</span>`
      : html`<span class="bad">They differ by ${ton(b.difference_nano)} TON.</span>`;
  return html`<table>
<tbody>
<tr><td>balance reported by the API (${localTime(b.reported_at, zone)})</td><td class="num" data-balance="reported">${ton(b.reported_nano)}</td></tr>
<tr><td>${last}</td><td class="num" data-balance="last_row">${b.last_row === null ? "0" : ton(b.last_row.balance_after_nano)}</td></tr>
</tbody></table><p>${verdict}</p>`;
}
