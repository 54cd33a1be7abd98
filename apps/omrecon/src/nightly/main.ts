import { createProgress, ExitError, type Io, parseCommandLine } from "@omrecon/cli";
import { commandLogger } from "../command-logger.js";
import { databaseExists } from "../connect.js";
import { reconcileSettings } from "../flags/reconcile-flags.js";
import { startOperations } from "../ops/operations.js";
import { withReconcileSession } from "../ops/reconcile-session.js";
import { nightlyFlags, nightlyOptionsFrom } from "./options.js";
import { nightlyJson, nightlyText } from "./output.js";
import { runNightly } from "./pipeline.js";

export const HELP = `Usage: omrecon nightly [--out DIR] [options]

The whole night in one command: sync the partner API into the local database, reconcile orders,
chain transfers and the balance ledger, then write the report files (CSV, workbook, summary page,
manifest).
Exits with the reconcile step's status: 0 nothing at or above --fail-on, 1 findings at or above it,
2 a step could not be done (the report's bridge not closing included) or the mirror was incomplete
after the sync, 130/143 stopped by SIGINT/SIGTERM.

Options:
  --out DIR             folder for the report files (default ./reports)
  --period NAME         report a closed period (yesterday, last-week, last-month, month-to-date, cut
                        in --tz); reconcile covers it and the 7 days before it
  --from ISO, --to ISO  window on created_at for reconcile and report (default: the last 7 days);
                        bare dates are midnight in --tz
  --full                sync: re-walk the whole history
  --lookback-days N     sync: re-read orders of the last N days (default 7)
  --tolerance-ton X     reconcile: amounts within X TON count as equal (default 0)
  --grace-minutes N     reconcile: minutes before a paid-but-pending order is reported (default 30)
  --fail-on LEVEL       critical | warning | info | never (default warning)
  --webhook URL         reconcile: POST new findings here (default $OMRECON_WEBHOOK_URL)
  --chain-deadline S    reconcile: give up reading the chain after S seconds (default 1800)
  --chain-max-pages N   reconcile: at most N TON API page requests per run (default 20000)
  --tz ZONE             report: time zone of the days and local times (default UTC)
  --format LIST         report: any of csv, xlsx, html, comma-separated (default csv,xlsx,html)
  --bom                 report: UTF-8 byte-order mark for Excel
  --max-sync-age-hours N  reconcile: the mirror is incomplete (exit 2, alerts held back) when the
                        last complete sync pass started more than N hours ago (default 26)
  --metrics-file PATH   write Prometheus metrics there at the end (node_exporter's textfile
                        collector; default $OMRECON_METRICS_FILE)
  --db PATH             SQLite file or postgres:// URL (default $OMRECON_DB or ./data/omrecon.sqlite)
  --json                one JSON document {sync, reconcile, report, exit_status} on stdout
  -h, --help            this help

Settings: OPENMONEY_API_KEY (or _FILE), OPENMONEY_BASE_URL, TON_ENDPOINT, TON_API_KEY, OMRECON_DB,
OMRECON_WEBHOOK_URL, OMRECON_WEBHOOK_SECRET, OMRECON_WEBHOOK_FORMAT, OMRECON_HEARTBEAT_URL,
OMRECON_PUSHGATEWAY_URL, OMRECON_CHAIN_DEADLINE, OMRECON_CHAIN_MAX_PAGES. A night that fails
(exit 2) sends a run.failed alert and pings OMRECON_HEARTBEAT_URL/fail.
`;

/** `pnpm nightly`: returns the exit status; errors go to runMain. */
export async function nightlyMain(argv: readonly string[], io: Io): Promise<number> {
  const { values } = parseCommandLine(argv, nightlyFlags, { command: "nightly" });
  if (values.help) {
    io.stdout.write(HELP);
    return 0;
  }
  const options = nightlyOptionsFrom(values, io.now(), "./reports");
  const settings = reconcileSettings(io.env, values);
  const logger = commandLogger(io, settings, "nightly");
  const progress = createProgress({ stream: io.stderr, enabled: !values.json && Boolean(io.stderr.isTTY) });
  const ops = await startOperations("nightly", settings, io, logger);
  const firstRun = !(await databaseExists(settings));
  // First SIGINT/SIGTERM: sync stops after its page, reconcile at its next safe point.
  return withReconcileSession(
    settings,
    io,
    { command: "nightly", ops, logger, progress },
    async ({ connection: { client, store }, reconcile, signals }) => {
      if (firstRun) logger.info("new database: the first sync reads the whole history", { db: store.path });
      const outcome = await runNightly(
        {
          store,
          source: client,
          reconcile,
          logger,
          progress,
          now: io.now,
          stopSignal: signals.stop,
          abortSignal: signals.abort,
          steps: {
            begin: (step) => ops.steps.begin(step),
            end: (_step, counts) => ops.steps.end("ok", 0, null, counts),
          },
        },
        options,
      );
      progress.clear();
      io.stdout.write(values.json ? `${JSON.stringify(nightlyJson(outcome))}\n` : nightlyText(outcome));
      if (outcome.exitStatus === 2) {
        // The mirror was incomplete after the sync: the night's job is not done (docs/cli.md#exit-status).
        throw new ExitError(
          `the mirror was incomplete after the sync (${outcome.run.mirrorIncomplete}); findings it can cause were not alerted: run nightly again`,
          2,
          "mirror_incomplete",
        );
      }
      await ops.succeed(store, outcome.exitStatus, {
        orders_read: outcome.sync.orders.fetched,
        balance_transactions_read: outcome.sync.balance_transactions.fetched,
        transfers_read: outcome.run.totals.transfers,
      });
      return outcome.exitStatus;
    },
  );
}
