/** How the summary page writes amounts, counts, times and outside text. */
import { instantMs } from "./cells.js";
import { html, type SafeHtml, visible } from "./html-escape.js";
import { tonText } from "./report-output.js";
import type { Zone } from "./zone.js";

/** An exact TON decimal with thousands grouped (never rounded: the page is read as accounts). */
export function ton(nano: bigint | null): string {
  return nano === null ? "—" : tonText(nano);
}

export function count(n: number): string {
  return n.toLocaleString("en-US");
}

/** `YYYY-MM-DD HH:MM` on the wall clock of the report's zone (the page names the zone once). */
export function localTime(iso: string | null, zone: Zone): string {
  if (iso === null) return "—";
  const ms = instantMs(iso);
  if (Number.isNaN(ms)) return iso;
  const wall = new Date(zone.wallMs(ms)).toISOString();
  return `${wall.slice(0, 10)} ${wall.slice(11, 16)}`;
}

/** Text from outside (memos, keys, messages): invisible characters shown, direction isolated, escaped. */
export function outside(text: string | null, max = 0): SafeHtml {
  if (text === null || text === "") return html`<span class="none">—</span>`;
  const shown = visible(text);
  if (max > 0 && [...shown].length > max) {
    const cut = `${[...shown].slice(0, max - 1).join("")}…`;
    return html`<bdi title="${shown}">${cut}</bdi>`;
  }
  return html`<bdi>${shown}</bdi>`;
}

/** Singular or plural: `plural(1, "finding")` → `1 finding`. */
export function plural(n: number, word: string): string {
  return `${count(n)} ${word}${n === 1 ? "" : "s"}`;
}
