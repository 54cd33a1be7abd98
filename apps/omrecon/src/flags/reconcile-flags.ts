import { choiceFlag, type Io, intFlag, loadSettings, type Settings, tonFlag } from "@omrecon/cli";
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

export interface ReconcileSettingsFlagValues {
  db?: string | undefined;
  webhook?: string | undefined;
  "chain-deadline"?: string | undefined;
  "chain-max-pages"?: string | undefined;
  "metrics-file"?: string | undefined;
}

/**
 * The settings of a command that reconciles (`reconcile`, `nightly`): its flags win over their
 * variables, and the partner API key must be there (docs/cli.md#settings).
 */
export function reconcileSettings(env: Io["env"], values: ReconcileSettingsFlagValues): Settings {
  return loadSettings(
    env,
    {
      db: values.db,
      webhook: values.webhook,
      chainDeadline: values["chain-deadline"],
      chainMaxPages: values["chain-max-pages"],
      metricsFile: values["metrics-file"],
    },
    { requireApiKey: true },
  );
}
