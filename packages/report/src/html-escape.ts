/**
 * The summary page's one way to make HTML: the `html` tag escapes every value put into it unless the
 * value is itself `SafeHtml` (made by this tag, or by `trustedHtml` for our own inlined assets), so
 * outside text (memos, usernames, messages, keys) can never become markup. Attribute values in the
 * templates are always double-quoted, and the escaping covers both quotes.
 */

const brand = Symbol("SafeHtml");

/** Markup this module vouches for. Only `html` and `trustedHtml` make one. */
export class SafeHtml {
  readonly #text: string;
  constructor(text: string, key: typeof brand) {
    if (key !== brand) throw new TypeError("SafeHtml is made by html`…` or trustedHtml() only");
    this.#text = text;
  }
  toString(): string {
    return this.#text;
  }
}

/** What may go into an `html` template: text and numbers are escaped; false, null and undefined print nothing. */
export type HtmlValue = SafeHtml | string | number | bigint | false | null | undefined | readonly HtmlValue[];

const ENTITIES: Readonly<Record<string, string>> = {
  "&": "&amp;",
  "<": "&lt;",
  ">": "&gt;",
  '"': "&quot;",
  "'": "&#39;",
};

/** Text for an HTML text node or a double- or single-quoted attribute value. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ENTITIES[c] ?? c);
}

function render(value: HtmlValue): string {
  if (value === null || value === undefined || value === false) return "";
  if (value instanceof SafeHtml) return value.toString();
  if (Array.isArray(value)) return value.map(render).join("");
  return escapeHtml(String(value));
}

/** A template whose every interpolation is escaped (arrays are joined, `SafeHtml` goes in as it is). */
export function html(strings: TemplateStringsArray, ...values: readonly HtmlValue[]): SafeHtml {
  let out = strings[0] ?? "";
  for (let i = 0; i < values.length; i++) out += render(values[i] as HtmlValue) + (strings[i + 1] ?? "");
  return new SafeHtml(out, brand);
}

/**
 * Our own markup or code taken as it is: the inlined chart library, the page's style and script. Never
 * for text from the database or the API.
 */
export function trustedHtml(text: string): SafeHtml {
  return new SafeHtml(text, brand);
}

// C0 and C1 controls, DEL, line and paragraph separators, and the bidirectional controls that can make
// a memo read differently from what it is (U+061C, U+200E/F, U+202A–E, U+2066–9).
// biome-ignore lint/suspicious/noControlCharactersInRegex: finding control characters is the point.
const INVISIBLE = /[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;

/** Outside text with its invisible characters shown as `\uXXXX`, so what is on the page is what was sent. */
export function visible(text: string): string {
  return text.replace(INVISIBLE, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`);
}

/**
 * A value as JSON inside `<script type="application/json">`: `<`, `>` and `&` as `\u003c`… so no
 * `</script>` or `<!--` can end or change the block, and U+2028/2029 escaped too. `JSON.parse` of the
 * element's text gives the value back.
 */
export function jsonForScript(value: unknown): SafeHtml {
  const json = JSON.stringify(value).replace(
    /[<>&\u2028\u2029]/g,
    (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`,
  );
  return new SafeHtml(json, brand);
}
