import { commonOptions, createProgress, type Io, loadSettings, parseCommandLine } from "@omrecon/cli";
import { reportJson, reportText, writeReports } from "@omrecon/report";
import { openDatabase } from "../connect.js";
import { reportFlagOptions, reportFlags } from "../flags/report-flags.js";

export const HELP = `Usage: omrecon report [--out DIR] [options]

Writes orders.csv, daily_summary.csv, findings.csv, balance_ledger.csv, omrecon-report.xlsx,
summary.html (the night on one page) and manifest.json for a period from the local database (run
\`pnpm sync\` and \`pnpm reconcile\` first).
Exits 2 without replacing any file when the billed-to-received bridge does not close.

Options:
  --out DIR       folder for the files (default ./reports; created if missing)
  --period NAME   yesterday, last-week, last-month or month-to-date, cut in --tz
  --from DATE|ISO period start, inclusive; a bare date is midnight in --tz (default: 7 days before --to)
  --to DATE|ISO   period end, exclusive (default: now)
  --tz ZONE       IANA time zone of the days and the local-time columns (default UTC)
  --format LIST   any of csv, xlsx, html, comma-separated (default csv,xlsx,html)
  --bom           start each CSV file with a UTF-8 byte-order mark (for Excel)
  --db PATH       SQLite file or postgres:// URL (default $OMRECON_DB or ./data/omrecon.sqlite)
  --json          print {files:[{file,path,rows,sha256}],bridge,…} on stdout and nothing else
  -h, --help      this help
`;

export const reportOptions = {
  ...commonOptions,
  ...reportFlags,
} as const;

/** `pnpm report`: returns the exit status. */
export async function reportMain(argv: readonly string[], io: Io): Promise<number> {
  const { values } = parseCommandLine(argv, reportOptions, { command: "report" });
  if (values.help) {
    io.stdout.write(HELP);
    return 0;
  }
  const settings = loadSettings(io.env, { db: values.db });
  const { period, ...files } = reportFlagOptions(values, io.now());
  const store = await openDatabase(settings, { madeBy: "pnpm sync" });
  const progress = createProgress({ stream: io.stderr, enabled: !values.json && Boolean(io.stderr.isTTY) });
  try {
    const onProgress = (file: string, rows: number) => progress.update(file, rows);
    const result = await writeReports(
      { store, onProgress, now: io.now },
      { ...files, window: period, periodName: period.name },
    );
    progress.clear();
    if (values.json) io.stdout.write(`${JSON.stringify(reportJson(result))}\n`);
    else io.stdout.write(reportText(result));
    return 0;
  } finally {
    progress.clear();
    await store.close();
  }
}
