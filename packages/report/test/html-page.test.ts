import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import { type ReportSummary, summaryPage, verdictOf } from "../src/index.js";
import { HOSTILE, weekSummary, worstCaseSummary } from "./summary-fixture.js";

const generatedAt = new Date("2026-03-30T02:00:00Z");
const sha256 = (text: string) => `'sha256-${createHash("sha256").update(text, "utf8").digest("base64")}'`;

/** The inline blocks of a page: `<style>`, the executable `<script>`, and the JSON data block. */
function blocks(page: string) {
  const style = /<style>([\s\S]*?)<\/style>/.exec(page)?.[1];
  const data = /<script type="application\/json" id="omrecon-chart-data">([\s\S]*?)<\/script>/.exec(page)?.[1];
  const scripts = [...page.matchAll(/<script>([\s\S]*?)<\/script>/g)].map((m) => m[1] ?? "");
  // The attribute as the browser reads it (the page escapes it like every value).
  const csp = /<meta http-equiv="Content-Security-Policy" content="([^"]*)">/
    .exec(page)?.[1]
    ?.replaceAll("&#39;", "'")
    .replaceAll("&amp;", "&");
  return { style, data, scripts, csp };
}

describe("summary.html as written", () => {
  it("admits its one script and one style by SHA-256 in a CSP that allows no request and no inline code otherwise", () => {
    const page = summaryPage(weekSummary(), { generatedAt });
    const { style, scripts, csp } = blocks(page);
    expect(scripts).toHaveLength(1);
    expect(csp).toBeDefined();
    const policy = Object.fromEntries(
      (csp ?? "").split(";").map((d) => {
        const [name = "", ...values] = d.trim().split(/\s+/);
        return [name, values];
      }),
    );
    expect(policy["default-src"]).toEqual(["'none'"]);
    expect(policy["script-src"]).toEqual([sha256(scripts[0] ?? "")]);
    expect(policy["style-src"]).toEqual([sha256(style ?? "")]);
    expect(policy["base-uri"]).toEqual(["'none'"]);
    expect(policy["form-action"]).toEqual(["'none'"]);
    expect(csp).not.toMatch(/unsafe-|https?:|\*/);
    // Nothing that would fetch: no URL in an attribute or in the style, no inline style or handler attributes.
    expect(page).not.toMatch(/\s(src|href|action|poster|srcset)="(?!data:,")/i);
    expect(style).not.toMatch(/url\(|@import/i);
    expect(page).not.toMatch(/\sstyle="|\son[a-z]+="/i);
  });

  it("writes outside text as text: hostile memos, keys, kinds and messages never become markup", () => {
    const s = worstCaseSummary();
    s.findings.by_kind[HOSTILE[0]] = { count: 1, amount_nano: 1n, severity: "warning" };
    s.findings.open_now[0] = {
      ...(s.findings.open_now[0] as ReportSummary["findings"]["open_now"][number]),
      key: HOSTILE[1],
      severity: "critical",
      amount_nano: 10n ** 30n,
    };
    s.history.push({
      ...(s.history.at(-1) as ReportSummary["history"][number]),
      id: 999,
      status: "failed",
      error: HOSTILE[2],
    });
    const page = summaryPage(s, { generatedAt });
    const { data, scripts } = blocks(page);
    // Only the page's own elements: one script that runs, one data block, one style; no element from the data.
    expect(page.match(/<script/gi)).toHaveLength(2);
    expect(page.match(/<style/gi)).toHaveLength(1);
    expect(page).not.toMatch(/<(img|svg|iframe|object|embed)\b/i);
    expect(page).not.toContain("<!-- x -->");
    expect(page).toContain("&lt;img src=x onerror=alert(1)&gt;");
    expect(page).toContain("&lt;/script&gt;&lt;script&gt;alert(2)&lt;/script&gt;");
    expect(page).toContain("&quot;&#39;&gt;&lt;svg onload=alert(3)&gt;");
    expect(page).toContain("\\u202eexe.txt\\u0000\\u001b[31m");
    for (const c of ["\u202e", "\u0000", "\u001b"]) expect(page).not.toContain(c);
    expect(JSON.parse(data ?? "")).toHaveProperty("daily.days");
    expect(scripts[0]).not.toContain("onerror");
  });

  it("shows every amount as an exact decimal, beyond a double's digits too", () => {
    const s = worstCaseSummary();
    const top = s.findings.open_now[0] as ReportSummary["findings"]["open_now"][number];
    s.findings.open_now[0] = { ...top, severity: "critical", amount_nano: 10n ** 30n };
    const page = summaryPage(s, { generatedAt });
    expect(page).toContain('data-bridge="orders.billed_nano">3,827,286,168.209876477<');
    expect(page).toContain("1,000,000,000,000,000,000,000");
    // The chart's JSON carries the exact decimals the legend prints.
    const data = JSON.parse(blocks(page).data ?? "") as { daily: { billed: { exact: string[] } } };
    expect(data.daily.billed.exact[0]).toBe("123,458,789.135802467");
  });

  it("lists the 50 most severe and largest open findings and counts the rest", () => {
    const page = summaryPage(worstCaseSummary(), { generatedAt });
    const table = page.slice(page.indexOf('<section class="card open">'));
    expect(table.match(/<tr>/g)).toHaveLength(50 + 1);
    expect(table).toContain("… and 450 more open findings");
    const amounts = [...table.matchAll(/data-label="TON at stake">([^<]*)</g)].map((m) => m[1]);
    expect(amounts[0]).toBe("0.613579799");
  });
});

describe("the verdict of the night", () => {
  const base = weekSummary();
  const run = base.run as NonNullable<ReportSummary["run"]>;
  const lastDone = base.history.at(-1) as ReportSummary["history"][number];
  const withHistory = (last: Partial<ReportSummary["history"][number]>): ReportSummary => ({
    ...base,
    run: { ...run, id: lastDone.id },
    history: [...base.history.slice(0, -1), { ...lastDone, ...last }],
  });

  it("is findings when open findings reach the run's --fail-on, and says how much is at stake", () => {
    const v = verdictOf(withHistory({}));
    expect(v.status).toBe("findings");
    expect(v.headline).toMatch(/^14 open findings at or above warning, [\d.,]+ TON at stake$/);
  });

  it("follows the run's --fail-on (critical), and reads never as warning", () => {
    expect(verdictOf(withHistory({ fail_on: "critical" })).headline).toMatch(/^9 open findings at or above critical/);
    expect(verdictOf(withHistory({ fail_on: "never" })).headline).toMatch(/at or above warning/);
  });

  it("is pass when nothing at or above --fail-on is open", () => {
    const s = withHistory({});
    s.findings = { ...s.findings, open_now: s.findings.open_now.filter((f) => f.severity === "info") };
    expect(verdictOf(s)).toMatchObject({ status: "pass", headline: "Pass: no open finding at or above warning" });
  });

  it("is failed when a newer run failed or was interrupted, naming it and its error", () => {
    const s = withHistory({});
    s.history.push({ ...lastDone, id: lastDone.id + 1, status: "interrupted", error: "stopped by SIGTERM" });
    const v = verdictOf(s);
    expect(v.status).toBe("failed");
    expect(v.headline).toBe(`The latest reconciliation (run ${lastDone.id + 1}) was interrupted`);
    expect(v.details[0]).toBe("stopped by SIGTERM");
  });

  it("is failed when the run reconciled an incomplete mirror, or when no run has finished", () => {
    expect(verdictOf(withHistory({ mirror_incomplete: "the last sync did not finish" })).status).toBe("failed");
    const none = verdictOf({ ...base, run: null, history: [] });
    expect(none).toMatchObject({ status: "failed", headline: "Not reconciled: no reconciliation run has finished" });
  });
});
