import { choiceFlag, commonOptions, intFlag, parseWindow, timeZoneFlag, tonFlag } from "@omrecon/cli";
import type { FailOn } from "@omrecon/core";
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
  "max-sync-age-hours": { type: "string" },
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
  "max-sync-age-hours"?: string | undefined;
}

/** Validates the flags into pipeline options; errors name the flag. */
export function nightlyOptionsFrom(values: NightlyFlagValues, now: Date, defaultOut: string): NightlyOptions {
  return {
    out: values.out ?? defaultOut,
    window: parseWindow(values, now),
    full: values.full ?? false,
    lookbackDays: intFlag("lookback-days", values["lookback-days"], 7, 0, 3650),
    toleranceNano: tonFlag("tolerance-ton", values["tolerance-ton"], 0n),
    graceMinutes: intFlag("grace-minutes", values["grace-minutes"], 30, 0, 525_600),
    failOn: choiceFlag("fail-on", values["fail-on"], FAIL_ON, "warning"),
    timeZone: timeZoneFlag("tz", values.tz, "UTC"),
    bom: values.bom ?? false,
    maxSyncAgeMs: intFlag("max-sync-age-hours", values["max-sync-age-hours"], 26, 1, 8_760) * 3_600_000,
  };
}
