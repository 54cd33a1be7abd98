/** Words every human-facing format (Slack, Teams) shares, so they say the same thing. */
import { formatTon, SEVERITIES } from "@omrecon/core";
import type { FindingsNewData } from "../events.js";

/** Findings a channel message lists before "and N more". */
export const TOP_FINDINGS = 10;

/** `omrecon: 3 new findings (2 critical, 1 warning), 0.436 TON at stake`: our words and numbers only. */
export function headline(d: FindingsNewData): string {
  const n = d.findings.length;
  const parts = SEVERITIES.filter((s) => (d.new_by_severity[s] ?? 0) > 0).map((s) => `${d.new_by_severity[s]} ${s}`);
  return `omrecon: ${n} new finding${n === 1 ? "" : "s"} (${parts.join(", ")}), ${totalStake(d)} TON at stake`;
}

export function windowText(w: { from: string; to: string }): string {
  return `${w.from} → ${w.to}`;
}

function totalStake(d: FindingsNewData): string {
  let nano = 0n;
  for (const f of d.findings) nano += BigInt(f.amount_nano ?? "0");
  return formatTon(nano);
}
