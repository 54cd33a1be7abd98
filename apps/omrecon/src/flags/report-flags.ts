import { parseWindow, timeZoneFlag } from "@omrecon/cli";
import { formatsFlag, type ReportFormat, type ReportPeriod, reportPeriod } from "@omrecon/report";

/**
 * The flags of the report files, shared by `report` and `nightly`
 * (docs/cli.md#commands).
 */
export const reportFlags = {
  out: { type: "string" },
  tz: { type: "string" },
  bom: { type: "boolean" },
  period: { type: "string" },
  format: { type: "string" },
} as const;

/** Where the files go when `--out` is not given. */
export const DEFAULT_REPORT_OUT = "./reports";

export interface ReportFlagValues {
  out?: string | undefined;
  tz?: string | undefined;
  bom?: boolean | undefined;
  period?: string | undefined;
  format?: string | undefined;
  from?: string | undefined;
  to?: string | undefined;
}

export interface ReportFlagOptions {
  out: string;
  timeZone: string;
  bom: boolean;
  formats: ReportFormat[];
  /** `--period`, or `--from/--to` (bare dates and zone-less times read in `--tz`), or the default 7 days. */
  period: ReportPeriod;
}

/** `--out`, `--tz`, `--bom`, `--format` and the period checked once; errors name the flag. */
export function reportFlagOptions(
  values: ReportFlagValues,
  now: Date,
  defaultOut = DEFAULT_REPORT_OUT,
): ReportFlagOptions {
  const timeZone = timeZoneFlag("tz", values.tz, "UTC");
  return {
    out: values.out ?? defaultOut,
    timeZone,
    bom: values.bom ?? false,
    formats: formatsFlag(values.format),
    period: reportPeriod(values, {
      timeZone,
      now,
      parseWindow: (flags) => parseWindow({ ...flags, tz: timeZone }, now),
    }),
  };
}
