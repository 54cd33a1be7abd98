/**
 * `omrecon findings [--status S] [--kind K] [--severity S] [--since DATE]` and
 * `omrecon findings show KEY`: the findings on record and what became of them
 * (docs/cli.md#history-runs-findings-alerts).
 */
import {
  choiceFlag,
  didYouMean,
  flagInstant,
  type Io,
  intFlag,
  loadSettings,
  parseCommandLine,
  UsageError,
} from "@omrecon/cli";
import { FINDING_KINDS, formatTon, SEVERITIES } from "@omrecon/core";
import { type FindingStatus, getFindingState, listFindingStates, resolutionsOf, runsOfFinding } from "@omrecon/store";
import { withDatabase } from "../connect.js";
import { findingRunJson, findingStateJson, resolutionJson } from "./json.js";
import { uniqueFindingKey } from "./key.js";
import { shortTime, terminalText } from "./text.js";

export const HELP = `Usage: omrecon findings [--status open|resolved|cleared|all] [--kind K] [--severity S] [--since DATE]
       omrecon findings show KEY

Lists the findings on record, most severe first, then most at stake. A finding is open until an
operator resolves it (omrecon resolve) or a later run that covered its subject no longer finds it
(cleared). KEY may be any unique start of a key.

Options:
  --status S     open (default), resolved, cleared or all
  --kind K       one finding kind, e.g. underpaid, orphan_transfer
  --severity S   critical, warning or info
  --since DATE   first seen at or after DATE (ISO 8601; a bare date is midnight UTC)
  --limit N      at most N lines of the table (default 50; --json lists every match)
  --db PATH      database file (default $OMRECON_DB or ./data/omrecon.sqlite)
  --json         one JSON document on stdout: {status, filters, count, findings}
  -h, --help     this help

Exit status: 0 listed (whatever was found); 2 bad flag, unknown or ambiguous KEY, database missing
or unusable.
`;

const flags = {
  status: { type: "string" },
  kind: { type: "string" },
  severity: { type: "string" },
  since: { type: "string" },
  limit: { type: "string" },
  db: { type: "string" },
  json: { type: "boolean" },
  help: { type: "boolean", short: "h" },
} as const;

const STATUSES = ["open", "resolved", "cleared", "all"] as const;

export async function findingsMain(argv: readonly string[], io: Io): Promise<number> {
  const { values, positionals } = parseCommandLine(argv, flags, { command: "findings", allowPositionals: true });
  if (values.help) {
    io.stdout.write(HELP);
    return 0;
  }
  const [sub, ...rest] = positionals;
  if (sub !== undefined && sub !== "show") {
    throw new UsageError(
      `unknown word ${JSON.stringify(sub.slice(0, 40))}; did you mean findings show KEY? (see --help)`,
    );
  }
  const settings = loadSettings(io.env, { db: values.db });
  if (sub === "show") {
    if (rest.length !== 1) throw new UsageError("give exactly one finding KEY to show (see --help)");
    return withDatabase(settings, { madeBy: "pnpm reconcile" }, (store) =>
      show(store.db, rest[0]!, store.path, io, values.json ?? false),
    );
  }
  const status = choiceFlag("status", values.status, STATUSES, "open");
  const kind = values.kind === undefined ? undefined : oneOf("kind", values.kind, FINDING_KINDS);
  const severity =
    values.severity === undefined ? undefined : choiceFlag("severity", values.severity, SEVERITIES, "critical");
  const since = values.since === undefined ? undefined : flagInstant("since", values.since, "UTC").toISOString();
  const limit = intFlag("limit", values.limit, 50, 1, 1_000_000);
  return withDatabase(settings, { madeBy: "pnpm reconcile" }, async (store) => {
    const found = await listFindingStates(store.db, {
      status,
      ...(kind !== undefined && { kind }),
      ...(severity !== undefined && { severity }),
      ...(since !== undefined && { since }),
    });
    if (values.json) {
      io.stdout.write(
        `${JSON.stringify({
          status,
          filters: { kind: kind ?? null, severity: severity ?? null, since: since ?? null },
          count: found.length,
          findings: (values.limit === undefined ? found : found.slice(0, limit)).map(findingStateJson),
        })}\n`,
      );
      return 0;
    }
    io.stdout.write(table(found.slice(0, limit), status));
    if (found.length > limit) io.stdout.write(`… and ${found.length - limit} more (--limit N, or --json)\n`);
    return 0;
  });
}

function oneOf(name: string, value: string, choices: readonly string[]): string {
  if (choices.includes(value)) return value;
  const meant = didYouMean(value, choices);
  throw new UsageError(
    `--${name} ${JSON.stringify(value.slice(0, 40))} is not a finding kind${meant ? `; did you mean ${meant}?` : ` (${choices.join(", ")})`}`,
  );
}

function table(found: Awaited<ReturnType<typeof listFindingStates>>, status: FindingStatus | "all"): string {
  if (found.length === 0) return `no ${status === "all" ? "" : `${status} `}findings\n`;
  const lines = found.map((f) =>
    [
      f.severity.padEnd(8),
      status === "all" ? f.status.padEnd(8) : null,
      `${(f.amount_nano === null ? "?" : formatTon(f.amount_nano)).padStart(14)} TON`,
      shortTime(f.first_seen_at),
      terminalText(f.key),
      terminalText(f.message),
    ]
      .filter((x) => x !== null)
      .join("  "),
  );
  return `${lines.join("\n")}\n`;
}

async function show(
  db: Parameters<typeof getFindingState>[0],
  given: string,
  where: string,
  io: Io,
  json: boolean,
): Promise<number> {
  const key = await uniqueFindingKey(db, given, where);
  const finding = (await getFindingState(db, key))!;
  const resolutions = await resolutionsOf(db, key);
  const runs = await runsOfFinding(db, key);
  if (json) {
    io.stdout.write(
      `${JSON.stringify({ finding: findingStateJson(finding), resolutions: resolutions.map(resolutionJson), runs: runs.map(findingRunJson) })}\n`,
    );
    return 0;
  }
  const j = findingStateJson(finding);
  const lines = [
    `${terminalText(j.key)}  (${j.severity} ${j.kind}, ${j.status})`,
    `  ${terminalText(j.message)}`,
    `  at stake       ${j.amount_ton ?? "?"} TON`,
    ...(j.expected_nano !== null || j.received_nano !== null
      ? [`  expected       ${j.expected_nano ?? "—"} nanotons; received ${j.received_nano ?? "—"}`]
      : []),
    ...(j.order_id !== null
      ? [`  order          ${j.order_id}${j.payment_memo ? ` (memo ${terminalText(j.payment_memo)})` : ""}`]
      : []),
    ...(j.tx_hash !== null ? [`  transaction    ${j.tx_hash}`] : []),
    `  first seen     ${j.first_seen_at} (run ${j.first_seen_run}); last seen ${j.last_seen_at} (run ${j.last_seen_run})`,
    ...(j.cleared_at !== null ? [`  cleared        ${j.cleared_at} (run ${j.cleared_run} no longer found it)`] : []),
    ...resolutions.map(
      (r) => `  resolved       ${r.resolved_at} by ${terminalText(r.resolved_by)}: ${terminalText(r.note)}`,
    ),
    `  seen by runs   ${runs.map((r) => `${Number(r.run_id)}${r.is_new ? " (new)" : ""}`).join(", ") || "none"}`,
  ];
  io.stdout.write(`${lines.join("\n")}\n`);
  return 0;
}
