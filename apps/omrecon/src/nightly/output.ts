import { humanSummary, runJson } from "@omrecon/reconcile";
import { summaryLine } from "@omrecon/sync";
import type { NightlyOutcome } from "./pipeline.js";

/** `nightly --json`: one document with each step's own JSON. */
export function nightlyJson(outcome: NightlyOutcome) {
  return {
    sync: outcome.sync,
    reconcile: runJson(outcome.run),
    report: outcome.report,
    exit_status: outcome.exitStatus,
  };
}

/** The human account of a nightly job: one block per step. */
export function nightlyText(outcome: NightlyOutcome): string {
  const files = outcome.report.files.map((f) => `  ${f.path}  ${f.rows.toLocaleString("en-US")} rows`).join("\n");
  return `${summaryLine(outcome.sync)}\n${humanSummary(outcome.run)}report:\n${files}\n`;
}
