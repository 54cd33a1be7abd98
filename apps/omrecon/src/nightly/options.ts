import { commonOptions } from "@omrecon/cli";
import { opsFlags } from "../flags/ops-flags.js";
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
  ...opsFlags,
} as const;

export interface NightlyFlagValues extends SyncPassFlagValues, ReconcileFlagValues, ReportFlagValues {}

/** Days before a closed period that its reconciliation also covers, so that late payments and status changes are seen. */
const LOOKBACK_MS = 7 * 86_400_000;

/** Validates the flags into pipeline options with the same checks as sync, reconcile and report. */
export function nightlyOptionsFrom(values: NightlyFlagValues, now: Date, defaultOut: string): NightlyOptions {
  const sync = syncPassOptions(values);
  const run = reconcileFlagOptions(values);
  const { period, formats, ...files } = reportFlagOptions(values, now, defaultOut);
  // A closed period is reconciled with the week before it (docs/cli.md#commands), then reported alone.
  const from = period.name === null ? period.from : new Date(period.from.getTime() - LOOKBACK_MS);
  return {
    ...files,
    window: { from, to: period.to },
    report: { window: { from: period.from, to: period.to }, periodName: period.name, formats },
    full: sync.full,
    lookbackDays: sync.lookbackDays,
    ...run,
  };
}
