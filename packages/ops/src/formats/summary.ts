/** Words every human-facing format (Slack, Teams) shares, so they say the same thing. */
import { formatTon, SEVERITIES } from "@omrecon/core";
import type { AlertFinding, FindingsNewData, RunFailedData } from "../events.js";

/** Findings a channel message lists before "and N more". */
export const TOP_FINDINGS = 10;

/** `omrecon: 3 new findings (2 critical, 1 warning), 0.436 TON at stake`: our words and numbers only. */
export function headline(d: FindingsNewData): string {
  const n = d.findings.length;
  const parts = SEVERITIES.filter((s) => (d.new_by_severity[s] ?? 0) > 0).map((s) => `${d.new_by_severity[s]} ${s}`);
  return `omrecon: ${n} new finding${n === 1 ? "" : "s"} (${parts.join(", ")}), ${totalStake(d)} TON at stake`;
}

/** `nightly (report step)`, or just `sync` when the command failed as a whole. */
export function failedWhere(d: RunFailedData): string {
  return d.step === d.command ? d.command : `${d.command} (${d.step} step)`;
}

/**
 * The body listing the most of the top `TOP_FINDINGS` findings that stays within `maxBytes`, the
 * rest counted (docs/alerts.md#formats); with none listed it is sent whatever its size.
 */
export function fittedBody(
  findings: readonly AlertFinding[],
  maxBytes: number,
  render: (shown: AlertFinding[], rest: number) => string,
): string {
  for (let shown = Math.min(TOP_FINDINGS, findings.length); ; shown--) {
    const body = render(findings.slice(0, shown), findings.length - shown);
    if (Buffer.byteLength(body) <= maxBytes || shown === 0) return body;
  }
}

export function windowText(w: { from: string; to: string }): string {
  return `${w.from} → ${w.to}`;
}

function totalStake(d: FindingsNewData): string {
  let nano = 0n;
  for (const f of d.findings) nano += BigInt(f.amount_nano ?? "0");
  return formatTon(nano);
}
