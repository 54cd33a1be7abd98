import { intFlag } from "@omrecon/cli";
import { DEFAULT_LOOKBACK_DAYS, type SyncOptions } from "@omrecon/sync";

/** The flags of one sync pass, shared by `sync` and `nightly`. */
export const syncPassFlags = {
  full: { type: "boolean" },
  "lookback-days": { type: "string" },
} as const;

/** At most ten years of re-reading each pass: anything more is a typo. */
const MAX_LOOKBACK_DAYS = 3650;

export interface SyncPassFlagValues {
  full?: boolean | undefined;
  "lookback-days"?: string | undefined;
}

/** `--full`, `--lookback-days N` as sync options; errors name the flag. */
export function syncPassOptions(values: SyncPassFlagValues): SyncOptions {
  return {
    full: values.full ?? false,
    lookbackDays: intFlag("lookback-days", values["lookback-days"], DEFAULT_LOOKBACK_DAYS, 0, MAX_LOOKBACK_DAYS),
  };
}
