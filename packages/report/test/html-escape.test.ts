import { describe, expect, it } from "vitest";
import { escapeHtml, html, jsonForScript, SafeHtml, trustedHtml, visible } from "../src/html-escape.js";
import { HOSTILE } from "./summary-fixture.js";

describe("the page's escaping", () => {
  it.each(HOSTILE)("escapes %j in text and in a double- or single-quoted attribute", (text) => {
    const out = html`<p title="${text}" data-x='${text}'>${text}</p>`.toString();
    expect(out).not.toMatch(/<(img|svg|script|style)/i);
    expect(out).not.toContain("</script");
    expect(out).not.toContain("<!--");
    // The only quotes left are the template's own.
    expect(out.match(/"/g)?.length).toBe(2);
    expect(out.match(/'/g)?.length).toBe(2);
    expect(out.startsWith('<p title="')).toBe(true);
    expect(out.endsWith("</p>")).toBe(true);
  });

  it("escapes the five characters HTML gives meaning and nothing else", () => {
    expect(escapeHtml(`a&b<c>d"e'f`)).toBe("a&amp;b&lt;c&gt;d&quot;e&#39;f");
    expect(escapeHtml("STARS-a1b2 é ✓ 🚀 TON")).toBe("STARS-a1b2 é ✓ 🚀 TON");
    expect(escapeHtml("&amp;")).toBe("&amp;amp;");
  });

  it("puts SafeHtml in as it is, joins arrays, prints nothing for null, undefined and false, escapes numbers' text", () => {
    const inner = html`<b>${"<i>"}</b>`;
    expect(html`${inner}`.toString()).toBe("<b>&lt;i&gt;</b>");
    expect(html`<ul>${["<a>", html`<li>x</li>`, null, undefined, false, 5, 7n]}</ul>`.toString()).toBe(
      "<ul>&lt;a&gt;<li>x</li>57</ul>",
    );
    expect(trustedHtml("<style>x</style>").toString()).toBe("<style>x</style>");
  });

  it("cannot be forged: only the tag and trustedHtml make SafeHtml", () => {
    // A value shaped like SafeHtml is still text.
    const fake = { toString: () => "<img src=x onerror=alert(1)>" } as unknown as string;
    expect(html`${fake}`.toString()).toBe("&lt;img src=x onerror=alert(1)&gt;");
    expect(
      () => new (SafeHtml as unknown as new (t: string, k: symbol) => SafeHtml)("<b>", Symbol("SafeHtml")),
    ).toThrow(TypeError);
  });

  it("shows invisible and direction-changing characters as \\uXXXX", () => {
    expect(visible("pay\u202eexe.txt\u0000\u001b[31m\u2028x")).toBe("pay\\u202eexe.txt\\u0000\\u001b[31m\\u2028x");
    expect(visible("STARS-a1b2 é ✓")).toBe("STARS-a1b2 é ✓");
  });

  it("writes JSON that no </script> or <!-- in a value can end, and that parses back to the value", () => {
    const value = { memos: [...HOSTILE], sep: "\u2028\u2029", amp: "a&b" };
    const json = jsonForScript(value).toString();
    expect(json).not.toMatch(/[<>&\u2028\u2029]/);
    expect(JSON.parse(json)).toEqual(value);
  });
});
