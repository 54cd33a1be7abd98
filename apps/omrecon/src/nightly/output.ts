import { humanSummary, runJson } from "@omrecon/reconcile";
import { reportJson, reportText } from "@omrecon/report";
import { summaryLine } from "@omrecon/sync";
import type { NightlyOutcome } from "./pipeline.js";

/** `nightly --json`: one document with each step's own JSON. */
export function nightlyJson(outcome: NightlyOutcome) {
  return {
    sync: outcome.sync,
    reconcile: runJson(outcome.run),
    report: reportJson(outcome.report),
    exit_status: outcome.exitStatus,
  };
}

/** The human account of a nightly job: one block per step. */
export function nightlyText(outcome: NightlyOutcome): string {
  return `${summaryLine(outcome.sync)}\n${humanSummary(outcome.run)}${reportText(outcome.report)}`;
}
