import { timeZoneFlag } from "@omrecon/cli";

/**
 * The flags of the report files, shared by `report` and `nightly`
 * (docs/cli.md#commands-run-from-the-repository-root).
 */
export const reportFlags = {
  out: { type: "string" },
  tz: { type: "string" },
  bom: { type: "boolean" },
} as const;

/** Where the files go when `--out` is not given. */
export const DEFAULT_REPORT_OUT = "./reports";

export interface ReportFlagValues {
  out?: string | undefined;
  tz?: string | undefined;
  bom?: boolean | undefined;
}

export interface ReportFlagOptions {
  out: string;
  timeZone: string;
  bom: boolean;
}

/** `--out`, `--tz`, `--bom` checked once; errors name the flag. */
export function reportFlagOptions(values: ReportFlagValues, defaultOut = DEFAULT_REPORT_OUT): ReportFlagOptions {
  return {
    out: values.out ?? defaultOut,
    timeZone: timeZoneFlag("tz", values.tz, "UTC"),
    bom: values.bom ?? false,
  };
}
