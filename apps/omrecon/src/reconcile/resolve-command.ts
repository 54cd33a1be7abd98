/**
 * `omrecon resolve KEY --note "…" [--by NAME]`, also `omrecon reconcile resolve …`. KEY may be any
 * unique start of a key. A finding resolved now is announced (`findings.resolved`: PagerDuty
 * resolves its alert) through the outbox when a webhook is set.
 */
import { userInfo } from "node:os";
import { type Io, loadSettings, logOptionsOf, parseCommandLine, UsageError } from "@omrecon/cli";
import { deliverPending, findingsResolvedEvent, recordAlerts } from "@omrecon/ops";
import { findingOfRow, getFinding, resolveFinding, writeTransaction } from "@omrecon/store";
import { commandLogger } from "../command-logger.js";
import { withDatabase } from "../connect.js";
import { uniqueFindingKey } from "../findings/key.js";
import { alertDestination } from "../ops/destination.js";
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
  const given = positionals[0]!.trim();
  const note = values.note?.trim();
  if (!note) throw new UsageError('--note "why" is required to resolve a finding (see --help)');
  const by = values.by?.trim() || io.env.USER || safeUser();
  const settings = loadSettings(io.env, { db: values.db });
  const destination = alertDestination(settings);
  const logger = commandLogger(io, settings, "resolve");
  return withDatabase(settings, { madeBy: "pnpm reconcile" }, async (store) => {
    const key = await uniqueFindingKey(store.db, given, store.path);
    const result = await writeTransaction(store.db, async (trx) => {
      const at = io.now().toISOString();
      const done = await resolveFinding(trx, { key, by, note, at });
      if (done.status === "resolved" && destination !== null) {
        const row = await getFinding(trx, key);
        await recordAlerts(
          trx,
          [findingsResolvedEvent(row ? [findingOfRow(row)] : [], { at, runId: null, reason: "resolved", by, note })],
          { at },
        );
      }
      return done;
    });
    if (result.status === "not_found") throw new Error(`finding ${key} vanished while it was resolved`);
    const r = result.resolution;
    const line =
      result.status === "resolved"
        ? `resolved ${key} (by ${r.resolved_by} at ${r.resolved_at}); it stays quiet unless its amounts change`
        : `${key} was already resolved by ${r.resolved_by} at ${r.resolved_at} at these amounts: ${r.note}`;
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
    // What it did, for a person on stderr; in the json log format as a log line (one format per stream).
    if (logOptionsOf(io.env, io.stderr).format === "pretty") io.stderr.write(`${line}\n`);
    else logger.info(line, { key, status: result.status });
    if (result.status === "resolved" && destination !== null) {
      await deliverPending(store, destination, { logger, now: io.now }).catch((error: unknown) =>
        logger.warn("alerts not delivered; they stay pending for the next run", { error: String(error) }),
      );
    }
    return 0;
  });
}

function safeUser(): string {
  try {
    return userInfo().username;
  } catch {
    return "unknown";
  }
}
