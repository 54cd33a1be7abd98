import { commonOptions, parseWindow } from "@omrecon/cli";
import { type ReconcileFlagValues, reconcileFlagOptions, reconcileFlags } from "../flags/reconcile-flags.js";
import { type ReportFlagValues, reportFlagOptions, reportFlags } from "../flags/report-flags.js";
import { type SyncPassFlagValues, syncPassFlags, syncPassOptions } from "../flags/sync-flags.js";
import type { NightlyOptions } from "./pipeline.js";

/** Flags of `nightly` (and of `demo`, which adds its own): the union of sync's, reconcile's and report's. */
export const nightlyFlags = {
  ...commonOptions,
  ...syncPassFlags,
  ...reconcileFlags,
  ...reportFlags,
} as const;

export interface NightlyFlagValues extends SyncPassFlagValues, ReconcileFlagValues, ReportFlagValues {
  from?: string | undefined;
  to?: string | undefined;
}

/** Validates the flags into pipeline options with the same checks as sync, reconcile and report. */
export function nightlyOptionsFrom(values: NightlyFlagValues, now: Date, defaultOut: string): NightlyOptions {
  const window = parseWindow(values, now);
  const sync = syncPassOptions(values);
  const run = reconcileFlagOptions(values);
  const files = reportFlagOptions(values, defaultOut);
  return { ...files, window, full: sync.full, lookbackDays: sync.lookbackDays, ...run };
}
