/**
 * The night in one word for the summary page: `pass`, `findings` or `failed`, and the sentence that
 * says why. It agrees with the exit status of the run the report reflects: findings at or above that
 * run's `--fail-on` are `findings` (a run told `--fail-on never` is read at the default, `warning`:
 * the page must not call a night with money at stake a pass); a newer run that failed or was
 * interrupted, a mirror the run found incomplete, or no run at all is `failed`.
 */
import { atOrAbove, type FailOn, SEVERITIES, type Severity } from "@omrecon/core";
import { plural, ton } from "./html-format.js";
import type { ReportSummary } from "./summary.js";

export type VerdictStatus = "pass" | "findings" | "failed";

export interface Verdict {
  status: VerdictStatus;
  /** One line, the page's headline. */
  headline: string;
  /** Further sentences, most important first. */
  details: string[];
}

export function verdictOf(s: ReportSummary): Verdict {
  const reflected = s.run === null ? undefined : s.history.find((h) => h.id === s.run?.id);
  const newest = s.history.at(-1);
  const open = s.findings.open_now;
  const stake = open.reduce((sum, f) => sum + (f.amount_nano ?? 0n), 0n);
  const bySeverity = SEVERITIES.map((sev) => [sev, open.filter((f) => f.severity === sev).length] as const).filter(
    ([, n]) => n > 0,
  );
  const openLine =
    open.length === 0
      ? "No finding is open."
      : `${plural(open.length, "open finding")} (${bySeverity.map(([sev, n]) => `${n} ${sev}`).join(", ")}), ${ton(stake)} TON at stake.`;

  if (s.run === null) {
    return {
      status: "failed",
      headline: "Not reconciled: no reconciliation run has finished",
      details: ["The numbers below are the mirror's, unchecked. Run `pnpm reconcile` (or `nightly`), then report."],
    };
  }
  if (newest !== undefined && newest.id > s.run.id && newest.status !== "done") {
    return {
      status: "failed",
      headline: `The latest reconciliation (run ${newest.id}) ${newest.status === "interrupted" ? "was interrupted" : "failed"}`,
      details: [
        ...(newest.error ? [newest.error] : []),
        `The numbers below are those of run ${s.run.id}, the latest that finished.`,
        openLine,
      ],
    };
  }
  if (reflected?.mirror_incomplete) {
    return {
      status: "failed",
      headline: `Run ${s.run.id} reconciled an incomplete mirror: its alerts were held back`,
      details: [reflected.mirror_incomplete, "Sync again, then reconcile.", openLine],
    };
  }
  const failOn = failOnOf(reflected?.fail_on ?? null);
  const over = open.filter((f) => atOrAbove(f.severity as Severity, failOn));
  if (over.length > 0) {
    const overStake = over.reduce((sum, f) => sum + (f.amount_nano ?? 0n), 0n);
    return {
      status: "findings",
      headline: `${plural(over.length, "open finding")} at or above ${failOn}, ${ton(overStake)} TON at stake`,
      details: [openLine],
    };
  }
  return {
    status: "pass",
    headline: `Pass: no open finding at or above ${failOn}`,
    details: [openLine],
  };
}

function failOnOf(value: string | null): Exclude<FailOn, "never"> {
  return value === "critical" || value === "warning" || value === "info" ? value : "warning";
}
