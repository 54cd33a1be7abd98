/** `omrecon resolve KEY --note "…" [--by NAME]`, also `omrecon reconcile resolve …`. */
import { userInfo } from "node:os";
import { ExitError, type Io, loadSettings, parseCommandLine, UsageError } from "@omrecon/cli";
import { resolve } from "@omrecon/reconcile";
import { openDatabase } from "../connect.js";
import { RESOLVE_HELP } from "./help.js";

const resolveOptions = {
  db: { type: "string" },
  note: { type: "string" },
  by: { type: "string" },
  json: { type: "boolean" },
  help: { type: "boolean", short: "h" },
} as const;

export async function resolveMain(argv: readonly string[], io: Io): Promise<number> {
  const { values, positionals } = parseCommandLine(argv, resolveOptions, {
    command: "reconcile resolve",
    allowPositionals: true,
  });
  if (values.help) {
    io.stdout.write(RESOLVE_HELP);
    return 0;
  }
  if (positionals.length !== 1) throw new UsageError("give exactly one finding KEY to resolve (see --help)");
  const key = positionals[0]!;
  const note = values.note?.trim();
  if (!note) throw new UsageError('--note "why" is required to resolve a finding (see --help)');
  const by = values.by?.trim() || io.env.USER || safeUser();
  const settings = loadSettings(io.env, { db: values.db });
  const store = await openDatabase(settings, { madeBy: "pnpm reconcile" });
  try {
    const result = await resolve(store, { key, note, by, now: io.now });
    if (result.status === "not_found") {
      throw new ExitError(
        `no finding with key ${JSON.stringify(key)} in ${store.path}; reconcile --json lists the keys`,
        2,
        "not_found",
      );
    }
    const r = result.resolution;
    if (values.json) {
      io.stdout.write(
        `${JSON.stringify({
          key,
          status: result.status,
          resolved_by: r.resolved_by,
          resolved_at: r.resolved_at,
          note: r.note,
          expected_nano: r.expected_nano?.toString() ?? null,
          received_nano: r.received_nano?.toString() ?? null,
        })}\n`,
      );
    }
    io.stderr.write(
      result.status === "resolved"
        ? `resolved ${key} (by ${r.resolved_by} at ${r.resolved_at}); it stays quiet unless its amounts change\n`
        : `${key} was already resolved by ${r.resolved_by} at ${r.resolved_at} at these amounts: ${r.note}\n`,
    );
    return 0;
  } finally {
    await store.close();
  }
}

function safeUser(): string {
  try {
    return userInfo().username;
  } catch {
    return "unknown";
  }
}
