/**
 * The report for a person (a table on stderr) and for a program (one JSON document). Field names,
 * values and messages come from the API: control characters are shown escaped, never sent to the
 * terminal.
 */
import type { CheckReport, CheckRow } from "./report.js";

const LEAD: Record<CheckReport["verdict"], string> = {
  compatible: "compatible: omrecon can work with this API as it answers",
  warnings: "compatible with warnings: omrecon can work with this API; read the warnings above",
  incompatible: "incompatible: omrecon cannot work with this API as it answers (or could not reach it)",
};

// biome-ignore lint/suspicious/noControlCharactersInRegex: escaping them is the point
const CONTROL = /[\u0000-\u001f\u007f-\u009f\u2028\u2029]/g;

/** Text from outside, safe on a terminal. */
export function printable(text: string): string {
  return text.replace(CONTROL, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`);
}

export function formatHuman(report: CheckReport): string {
  const what = (r: CheckRow) => {
    const text = printable(r.what);
    return text.length > 48 ? `${text.slice(0, 47)}…` : text;
  };
  const w1 = Math.max(4, ...report.rows.map((r) => what(r).length)) + 2;
  const w2 = Math.max(6, ...report.rows.map((r) => r.status.length)) + 2;
  const w3 = 14;
  const out: string[] = [`omrecon check${report.baseUrl ? ` — ${printable(report.baseUrl)}` : ""}`, ""];
  out.push(`  ${"what".padEnd(w1)}${"status".padEnd(w2)}${"verdict".padEnd(w3)}differences`);
  let section = "";
  for (const r of report.rows) {
    if (r.section !== section) {
      section = r.section;
      out.push(section);
    }
    const [first = "", ...rest] = r.differences.map(printable);
    out.push(`  ${what(r).padEnd(w1)}${printable(r.status).padEnd(w2)}${r.verdict.padEnd(w3)}${first}`.trimEnd());
    for (const line of rest) out.push(`  ${"".padEnd(w1 + w2 + w3)}${line}`);
  }
  out.push("");
  const counts = (v: CheckRow["verdict"]) => report.rows.filter((r) => r.verdict === v).length;
  const tally = [
    `${counts("incompatible") + counts("unreachable")} incompatible or unreachable`,
    `${counts("warning")} warning${counts("warning") === 1 ? "" : "s"}`,
    `${report.requests} requests, none that writes`,
  ].join(", ");
  out.push(`${LEAD[report.verdict]} (${tally}; exit ${report.exitCode})`);
  if (report.samplesDir) out.push(`answers saved in ${printable(report.samplesDir)} (the key removed, nothing else)`);
  return `${out.join("\n")}\n`;
}

export function formatJson(report: CheckReport): string {
  return `${JSON.stringify({
    verdict: report.verdict,
    exit_code: report.exitCode,
    base_url: report.baseUrl,
    requests: report.requests,
    samples_dir: report.samplesDir,
    rows: report.rows,
  })}\n`;
}
