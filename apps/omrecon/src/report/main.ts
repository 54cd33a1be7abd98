import { commonOptions, createProgress, type Io, loadSettings, parseCommandLine, parseWindow } from "@omrecon/cli";
import { type ReportResult, writeReports } from "@omrecon/report";
import { openDatabase } from "../connect.js";
import { reportFlagOptions, reportFlags } from "../flags/report-flags.js";

export const HELP = `Usage: omrecon report [--out DIR] [options]

Writes orders.csv, daily_summary.csv, findings.csv and balance_ledger.csv for a window
from the local database (run \`pnpm sync\` and \`pnpm reconcile\` first).

Options:
  --out DIR       folder for the files (default ./reports)
  --from ISO      window start on created_at, inclusive (default: 7 days before --to)
  --to ISO        window end, exclusive (default: now)
  --tz ZONE       IANA time zone of the daily summary's days (default UTC)
  --bom           start each file with a UTF-8 byte-order mark (for Excel)
  --db PATH       database file (default $OMRECON_DB or ./data/omrecon.sqlite)
  --json          print {files:[{file,path,rows}],…} on stdout and nothing else
  -h, --help      this help
`;

export const reportOptions = {
  ...commonOptions,
  ...reportFlags,
} as const;

/** Human lines for a report result. */
export function describeReport(result: ReportResult): string {
  const lines = result.files.map((f) => `  ${f.path}  ${f.rows.toLocaleString("en-US")} rows`);
  return `report ${result.window.from} .. ${result.window.to} (${result.time_zone}):\n${lines.join("\n")}\n`;
}

/** `pnpm report`: returns the exit status. */
export async function reportMain(argv: readonly string[], io: Io): Promise<number> {
  const { values } = parseCommandLine(argv, reportOptions, { command: "report" });
  if (values.help) {
    io.stdout.write(HELP);
    return 0;
  }
  const settings = loadSettings(io.env, { db: values.db });
  const window = parseWindow(values, io.now());
  const files = reportFlagOptions(values);
  const store = await openDatabase(settings, { madeBy: "pnpm sync" });
  const progress = createProgress({ stream: io.stderr, enabled: !values.json && Boolean(io.stderr.isTTY) });
  try {
    const onProgress = (file: string, rows: number) => progress.update(file, rows);
    const result = await writeReports({ store, onProgress }, { ...files, window });
    progress.clear();
    if (values.json) io.stdout.write(`${JSON.stringify(result)}\n`);
    else io.stdout.write(describeReport(result));
    return 0;
  } finally {
    progress.clear();
    await store.close();
  }
}
