/** `pnpm check` / `omrecon check`: flags → `runCheck` → the table (stderr) or JSON (stdout) → exit status. */
import { createProgress, parseCommandLine } from "@omrecon/cli";
import { formatHuman, formatJson } from "./format.js";
import { runCheck } from "./run-check.js";

export const CHECK_HELP = `Usage: omrecon check [--json] [--save-samples DIR] [--db PATH]

The command to run first with a real key. Read-only: it checks the settings (the key is present
and shaped osk_…, the database path can be written, the TON endpoint answers, whether TON_API_KEY
is set), asks every read-only endpoint of the partner API once with harmless arguments, and
compares each answer with what omrecon needs; it also compares the API's OpenAPI document with
omrecon's expectations when the API publishes one (openapi.json, swagger.json, docs/openapi.json
under OPENMONEY_BASE_URL and its parents). It never creates or cancels anything.

Options:
  --json                one JSON document on stdout (the table goes to stderr otherwise)
  --save-samples DIR    write every answer into DIR (the key removed, nothing else), for a bug report
  --db PATH             the database to check: a SQLite file or postgres:// URL (default: OMRECON_DB or ./data/omrecon.sqlite)
  -h, --help            this help

Exit status: 0 compatible, 1 compatible with warnings, 2 incompatible or unreachable.
`;

export const checkFlags = {
  db: { type: "string" },
  json: { type: "boolean" },
  "save-samples": { type: "string" },
  help: { type: "boolean", short: "h" },
} as const;

export interface CheckIo {
  env: Record<string, string | undefined>;
  stdout: NodeJS.WritableStream;
  stderr: NodeJS.WritableStream & { isTTY?: boolean };
  now: () => Date;
}

/** Runs `check` with `argv` (after the command's name); returns the exit status. */
export async function checkMain(argv: readonly string[], io: CheckIo): Promise<number> {
  const { values } = parseCommandLine(argv, checkFlags, { command: "check" });
  if (values.help) {
    io.stdout.write(CHECK_HELP);
    return 0;
  }
  const progress = createProgress({ enabled: !values.json && Boolean(io.stderr.isTTY), stream: io.stderr });
  try {
    const report = await runCheck({
      env: io.env,
      db: values.db,
      now: io.now,
      saveSamples: values["save-samples"],
      progress: (label, done, total) => progress.update(`checking ${label}`, done, total, "endpoints"),
    });
    progress.clear();
    if (values.json) io.stdout.write(formatJson(report));
    else io.stderr.write(formatHuman(report));
    return report.exitCode;
  } finally {
    progress.clear();
  }
}
