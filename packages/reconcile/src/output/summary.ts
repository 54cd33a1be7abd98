/** The human summary of a run for stderr: totals, then open findings grouped by severity. */
import { formatIsoUtc, formatTon, SEVERITIES } from "@omrecon/core";
import type { RunOutcome } from "../run/context.js";

export interface SummaryOptions {
  /** Findings shown per severity before "… and N more" (default 20). */
  perSeverity?: number;
}

export function humanSummary(outcome: RunOutcome, options: SummaryOptions = {}): string {
  const limit = options.perSeverity ?? 20;
  const t = outcome.totals;
  const lines = [
    `reconcile run ${outcome.runId}: window ${formatIsoUtc(outcome.window.from)} .. ${formatIsoUtc(outcome.window.to)}, as of ${formatIsoUtc(outcome.asOf)}`,
    `  ${t.orders} orders, ${t.transfers} transfers, ${t.matched} matched; ${t.findings} open findings, ${t.new_findings} new` +
      (outcome.resolved > 0 ? `; ${outcome.resolved} resolved and still seen` : ""),
  ];
  for (const warning of outcome.warnings) lines.push(`warning: ${warning}`);
  for (const severity of SEVERITIES) {
    const group = outcome.findings.filter((f) => f.severity === severity);
    if (group.length === 0) continue;
    const fresh = group.filter((f) => f.new).length;
    let stake = 0n;
    for (const f of group) stake += f.amount_nano ?? 0n;
    lines.push(`${severity} ${group.length}${fresh > 0 ? ` (${fresh} new)` : ""}`);
    lines.push(`  ${formatTon(stake)} TON at stake`);
    for (const f of group.slice(0, limit)) lines.push(`  ${f.new ? "new " : "    "}${f.key}  ${f.message}`);
    if (group.length > limit) lines.push(`  … and ${group.length - limit} more (omrecon findings lists them all)`);
  }
  if (outcome.findings.length === 0) lines.push("no open findings");
  if (outcome.cleared.length > 0) {
    lines.push(`${outcome.cleared.length} finding${outcome.cleared.length === 1 ? "" : "s"} no longer found (cleared)`);
  }
  const alerts = outcome.alerts;
  if (alerts && alerts.pending > 0) {
    lines.push(
      `alerts: ${alerts.pending} not delivered yet${alerts.error ? ` (${alerts.error})` : ""}; the next run sends them with the same ids (omrecon alerts lists them)`,
    );
  }
  return `${lines.join("\n")}\n`;
}
