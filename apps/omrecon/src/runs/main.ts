/** `omrecon runs [--limit N]`: the reconciliation runs on record, newest first (docs/cli.md#history-runs-findings-alerts). */
import { type Io, intFlag, loadSettings, parseCommandLine } from "@omrecon/cli";
import { formatIsoUtc } from "@omrecon/core";
import { listRecentRuns, type RunRow } from "@omrecon/store";
import { withDatabase } from "../connect.js";
import { shortTime, terminalText } from "../findings/text.js";

export const HELP = `Usage: omrecon runs [--limit N] [--db PATH] [--json]

Lists the reconciliation runs on record, newest first: when each started, how it ended (done,
failed, interrupted, running), its window, what it found and how long it took; a failed run with
the line it failed with. \`omrecon findings\` lists the findings; \`omrecon alerts\` what is not sent yet.

Options:
  --limit N     at most N runs (default 20)
  --db PATH     database file (default $OMRECON_DB or ./data/omrecon.sqlite)
  --json        one JSON document on stdout: {runs: [...]}
  -h, --help    this help
`;

const flags = {
  limit: { type: "string" },
  db: { type: "string" },
  json: { type: "boolean" },
  help: { type: "boolean", short: "h" },
} as const;

export async function runsMain(argv: readonly string[], io: Io): Promise<number> {
  const { values } = parseCommandLine(argv, flags, { command: "runs" });
  if (values.help) {
    io.stdout.write(HELP);
    return 0;
  }
  const limit = intFlag("limit", values.limit, 20, 1, 100_000);
  const settings = loadSettings(io.env, { db: values.db });
  return withDatabase(settings, { madeBy: "pnpm sync" }, async (store) => {
    const runs = await listRecentRuns(store.db, limit);
    if (values.json) {
      io.stdout.write(`${JSON.stringify({ runs: runs.map(runJson) })}\n`);
      return 0;
    }
    io.stdout.write(runs.length === 0 ? "no reconciliation runs yet (omrecon reconcile makes one)\n" : table(runs));
    return 0;
  });
}

function runJson(r: RunRow) {
  return {
    run_id: Number(r.id),
    status: r.status,
    started_at: formatIsoUtc(r.started_at),
    finished_at: r.finished_at === null ? null : formatIsoUtc(r.finished_at),
    duration_ms: r.duration_ms === null ? null : Number(r.duration_ms),
    window: { from: formatIsoUtc(r.window_from), to: formatIsoUtc(r.window_to) },
    as_of: formatIsoUtc(r.as_of),
    totals: {
      orders: Number(r.orders),
      transfers: Number(r.transfers),
      matched: Number(r.matched),
      findings: Number(r.findings),
      new_findings: Number(r.new_findings),
    },
    warnings: parseList(r.warnings),
    mirror_incomplete: r.mirror_incomplete,
    error: r.error,
  };
}

function table(runs: readonly RunRow[]): string {
  const header = "   run  started (UTC)     status       window (UTC)                     findings (new)  duration";
  const lines = runs.map((r) => {
    const window = `${shortTime(r.window_from)} → ${shortTime(r.window_to)}`;
    const found = r.status === "done" ? `${Number(r.findings)} (${Number(r.new_findings)})` : "";
    const seconds = r.duration_ms === null ? "" : `${(Number(r.duration_ms) / 1000).toFixed(1)} s`;
    const why = r.error ? `  ${terminalText(r.error)}` : r.mirror_incomplete ? "  mirror incomplete" : "";
    return `${String(Number(r.id)).padStart(6)}  ${shortTime(r.started_at)}  ${r.status.padEnd(11)}  ${window}  ${found.padStart(14)}  ${seconds.padStart(8)}${why}`;
  });
  return `${[header, ...lines].join("\n")}\n`;
}

function parseList(json: string): string[] {
  try {
    const value = JSON.parse(json) as unknown;
    return Array.isArray(value) ? value.map(String) : [];
  } catch {
    return [];
  }
}
