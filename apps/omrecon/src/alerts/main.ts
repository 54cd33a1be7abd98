/**
 * `omrecon alerts [--status …] [--send]`: the alert outbox (docs/alerts.md#outbox) — what is pending
 * (stored, not yet taken by a receiver), what was delivered, what expired unsent — and, with
 * `--send`, a delivery round now.
 */
import { ConfigError, choiceFlag, type Io, intFlag, loadSettings, parseCommandLine } from "@omrecon/cli";
import { formatIsoUtc } from "@omrecon/core";
import { type AlertEvent, deliverPending } from "@omrecon/ops";
import { listAlerts, type OutboxRow } from "@omrecon/store";
import { commandLogger } from "../command-logger.js";
import { withDatabase } from "../connect.js";
import { shortTime, terminalText } from "../findings/text.js";
import { alertDestination } from "../ops/destination.js";

export const HELP = `Usage: omrecon alerts [--status pending|delivered|expired|all] [--limit N] [--send] [--db PATH] [--json]

Lists the alerts in the outbox: every alert is stored before it is sent and stays pending until a
receiver took it (2xx); the next run sends what is pending with the same id. Pending alerts older
than 7 days expire unsent.

Options:
  --status S    pending (default), delivered, expired or all
  --limit N     at most N alerts, newest first (default 50)
  --send        deliver what is pending now (to OMRECON_WEBHOOK_URL in OMRECON_WEBHOOK_FORMAT)
  --db PATH     database file (default $OMRECON_DB or ./data/omrecon.sqlite)
  --json        one JSON document on stdout: {status, count, alerts: [...]}
  -h, --help    this help

Exit status: 0 listed (with --send: everything pending was delivered); 1 --send left some
pending; 2 bad flag, no webhook set for --send, database missing or unusable.
`;

const flags = {
  status: { type: "string" },
  limit: { type: "string" },
  send: { type: "boolean" },
  db: { type: "string" },
  json: { type: "boolean" },
  help: { type: "boolean", short: "h" },
} as const;

const STATUSES = ["pending", "delivered", "expired", "all"] as const;

export async function alertsMain(argv: readonly string[], io: Io): Promise<number> {
  const { values } = parseCommandLine(argv, flags, { command: "alerts" });
  if (values.help) {
    io.stdout.write(HELP);
    return 0;
  }
  const status = choiceFlag("status", values.status, STATUSES, "pending");
  const limit = intFlag("limit", values.limit, 50, 1, 100_000);
  const settings = loadSettings(io.env, { db: values.db });
  const destination = values.send ? alertDestination(settings) : null;
  if (values.send && destination === null) {
    throw new ConfigError(
      "--send needs OMRECON_WEBHOOK_URL (or OMRECON_WEBHOOK_FORMAT=pagerduty with its routing key)",
    );
  }
  return withDatabase(settings, { madeBy: "pnpm sync" }, async (store) => {
    let left = 0;
    if (destination !== null) {
      const logger = commandLogger(io, settings, "alerts");
      const report = await deliverPending(store, destination, { logger, now: io.now });
      left = report.pending;
      logger.info("alerts sent", { sent: report.sent, pending: report.pending, expired: report.expired });
    }
    const rows = await listAlerts(store.db, { status, limit });
    if (values.json) {
      io.stdout.write(`${JSON.stringify({ status, count: rows.length, alerts: rows.map(alertJson) })}\n`);
    } else {
      io.stdout.write(rows.length === 0 ? `no ${status === "all" ? "" : `${status} `}alerts\n` : table(rows));
    }
    return left > 0 ? 1 : 0;
  });
}

function alertJson(row: OutboxRow) {
  return {
    id: row.id,
    type: row.type,
    status: row.status,
    created_at: formatIsoUtc(row.created_at),
    attempts: Number(row.attempts),
    last_attempt_at: row.last_attempt_at === null ? null : formatIsoUtc(row.last_attempt_at),
    last_error: row.last_error,
    delivered_at: row.delivered_at === null ? null : formatIsoUtc(row.delivered_at),
    run_id: row.run_id === null ? null : Number(row.run_id),
    summary: summary(row),
  };
}

/** One line about what the alert says, from its stored event. */
function summary(row: OutboxRow): string {
  let event: AlertEvent;
  try {
    event = JSON.parse(row.payload) as AlertEvent;
  } catch {
    return row.type;
  }
  switch (event.type) {
    case "findings.new":
      return `${event.data.findings.length} new finding${event.data.findings.length === 1 ? "" : "s"} of run ${event.data.run_id}`;
    case "findings.resolved":
      return `${event.data.findings.length} finding${event.data.findings.length === 1 ? "" : "s"} ${event.data.reason === "resolved" ? "resolved" : "no longer found"}`;
    case "run.failed":
      return `${event.data.command} failed: ${event.data.reason}`;
    case "run.recovered":
      return `${event.data.command} works again`;
  }
}

function table(rows: readonly OutboxRow[]): string {
  const lines = rows.map((r) => {
    const error = r.last_error ? `  last: ${terminalText(r.last_error)}` : "";
    return `${shortTime(r.created_at)}  ${r.status.padEnd(9)}  ${r.id}  ${terminalText(summary(r))}  (${Number(r.attempts)} attempt${Number(r.attempts) === 1 ? "" : "s"})${error}`;
  });
  return `${lines.join("\n")}\n`;
}
