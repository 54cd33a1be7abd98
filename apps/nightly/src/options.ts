import { choiceFlag, commonOptions, intFlag, parseWindow, timeZoneFlag, tonFlag } from "@omrecon/cli";
import type { FailOn } from "@omrecon/core";
import { formatsFlag, reportPeriod } from "@omrecon/report";
import type { NightlyOptions } from "./pipeline.js";

/** Flags of `nightly` (and of `demo`, which adds its own): the union of sync's, reconcile's and report's. */
export const nightlyFlags = {
  ...commonOptions,
  out: { type: "string" },
  full: { type: "boolean" },
  "lookback-days": { type: "string" },
  "tolerance-ton": { type: "string" },
  "grace-minutes": { type: "string" },
  "fail-on": { type: "string" },
  webhook: { type: "string" },
  tz: { type: "string" },
  bom: { type: "boolean" },
  period: { type: "string" },
  format: { type: "string" },
} as const;

const FAIL_ON: readonly FailOn[] = ["critical", "warning", "info", "never"];

export interface NightlyFlagValues {
  out?: string | undefined;
  from?: string | undefined;
  to?: string | undefined;
  full?: boolean | undefined;
  "lookback-days"?: string | undefined;
  "tolerance-ton"?: string | undefined;
  "grace-minutes"?: string | undefined;
  "fail-on"?: string | undefined;
  tz?: string | undefined;
  bom?: boolean | undefined;
  period?: string | undefined;
  format?: string | undefined;
}

/** Days before a closed period that its reconciliation also covers, so that late payments and status changes are seen. */
const LOOKBACK_MS = 7 * 86_400_000;

/** Validates the flags into pipeline options; errors name the flag. */
export function nightlyOptionsFrom(values: NightlyFlagValues, now: Date, defaultOut: string): NightlyOptions {
  const timeZone = timeZoneFlag("tz", values.tz, "UTC");
  const period = reportPeriod(values, { timeZone, now, parseWindow: (flags) => parseWindow(flags, now) });
  // A closed period is reconciled with the week before it (docs/cli.md#commands), then reported alone.
  const window = period.name === null ? period : { from: new Date(period.from.getTime() - LOOKBACK_MS), to: period.to };
  return {
    out: values.out ?? defaultOut,
    window: { from: window.from, to: window.to },
    report: {
      window: { from: period.from, to: period.to },
      periodName: period.name,
      formats: formatsFlag(values.format),
    },
    full: values.full ?? false,
    lookbackDays: intFlag("lookback-days", values["lookback-days"], 7, 0, 3650),
    toleranceNano: tonFlag("tolerance-ton", values["tolerance-ton"], 0n),
    graceMinutes: intFlag("grace-minutes", values["grace-minutes"], 30, 0, 525_600),
    failOn: choiceFlag("fail-on", values["fail-on"], FAIL_ON, "warning"),
    timeZone,
    bom: values.bom ?? false,
  };
}
