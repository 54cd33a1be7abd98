/**
 * The alert body: the run's totals and its new findings, with a one-paragraph `text` so that a
 * Slack incoming webhook (or anything reading `text`) shows it as is.
 */
import { formatIsoUtc, SEVERITIES } from "@omrecon/core";
import { type FindingJson, findingJson } from "../output/json.js";
import type { RunOutcome } from "../run/context.js";

export interface AlertPayload {
  text: string;
  run_id: number;
  window: { from: string; to: string };
  as_of: string;
  totals: RunOutcome["totals"];
  findings: FindingJson[];
}

const LISTED_IN_TEXT = 10;

export function alertPayload(outcome: RunOutcome): AlertPayload {
  const fresh = outcome.findings.filter((f) => f.new);
  const window = { from: formatIsoUtc(outcome.window.from), to: formatIsoUtc(outcome.window.to) };
  const bySeverity = SEVERITIES.map((s) => [s, fresh.filter((f) => f.severity === s).length] as const)
    .filter(([, n]) => n > 0)
    .map(([s, n]) => `${n} ${s}`)
    .join(", ");
  const listed = fresh
    .slice(0, LISTED_IN_TEXT)
    .map((f) => `${f.key} (${f.message})`)
    .join("; ");
  const more = fresh.length > LISTED_IN_TEXT ? `; and ${fresh.length - LISTED_IN_TEXT} more` : "";
  const text =
    `omrecon: ${fresh.length} new finding${fresh.length === 1 ? "" : "s"} (${bySeverity}) in reconcile run ` +
    `${outcome.runId} for ${window.from} .. ${window.to}; ${outcome.totals.findings} open in all. ${listed}${more}.`;
  return {
    text,
    run_id: outcome.runId,
    window,
    as_of: formatIsoUtc(outcome.asOf),
    totals: outcome.totals,
    findings: fresh.map(findingJson),
  };
}
