import { choiceFlag, intFlag, tonFlag } from "@omrecon/cli";
import type { FailOn } from "@omrecon/core";

/**
 * The flags of a reconcile run, shared by `reconcile` and `nightly`
 * (docs/cli.md#commands).
 */
export const reconcileFlags = {
  "tolerance-ton": { type: "string" },
  "grace-minutes": { type: "string" },
  "fail-on": { type: "string" },
  webhook: { type: "string" },
  "chain-deadline": { type: "string" },
  "chain-max-pages": { type: "string" },
  "max-sync-age-hours": { type: "string" },
} as const;

/** `--fail-on` levels, most severe first (docs/cli.md#exit-status). */
export const FAIL_ON: readonly FailOn[] = ["critical", "warning", "info", "never"];
export const DEFAULT_FAIL_ON: FailOn = "warning";

/** `--grace-minutes`: 30 by default (docs/reconciliation.md), at most a year. */
export const GRACE_MINUTES = { default: 30, max: 525_600 } as const;

export interface ReconcileFlagValues {
  "tolerance-ton"?: string | undefined;
  "grace-minutes"?: string | undefined;
  "fail-on"?: string | undefined;
  "max-sync-age-hours"?: string | undefined;
}

export interface ReconcileFlagOptions {
  toleranceNano: bigint;
  graceMinutes: number;
  failOn: FailOn;
  /** `--max-sync-age-hours`: an older last complete sync pass makes the mirror incomplete (docs/cli.md). */
  maxSyncAgeMs: number;
}

/** `--max-sync-age-hours`: 26 by default (a nightly sync plus slack), at most a year. */
export const MAX_SYNC_AGE_HOURS = { default: 26, max: 8_760 } as const;

/** `--tolerance-ton`, `--grace-minutes`, `--fail-on`, `--max-sync-age-hours` checked once; errors name the flag. */
export function reconcileFlagOptions(values: ReconcileFlagValues): ReconcileFlagOptions {
  return {
    toleranceNano: tonFlag("tolerance-ton", values["tolerance-ton"], 0n),
    graceMinutes: intFlag("grace-minutes", values["grace-minutes"], GRACE_MINUTES.default, 0, GRACE_MINUTES.max),
    failOn: choiceFlag("fail-on", values["fail-on"], FAIL_ON, DEFAULT_FAIL_ON),
    maxSyncAgeMs:
      intFlag(
        "max-sync-age-hours",
        values["max-sync-age-hours"],
        MAX_SYNC_AGE_HOURS.default,
        1,
        MAX_SYNC_AGE_HOURS.max,
      ) * 3_600_000,
  };
}
