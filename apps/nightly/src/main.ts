import { existsSync } from "node:fs";
import { createLogger, createProgress, loadSettings, parseCommandLine, secretsOf, stopOnSignals } from "@omrecon/cli";
import { OpenMoneyClient } from "@omrecon/client";
import { connectReconcile } from "@omrecon/reconcile";
import { openStore } from "@omrecon/store";
import type { Io } from "./io.js";
import { nightlyFlags, nightlyOptionsFrom } from "./options.js";
import { nightlyJson, nightlyText } from "./output.js";
import { runNightly } from "./pipeline.js";

export const HELP = `Usage: pnpm nightly [--out DIR] [options]

The whole night in one command: sync the partner API into the local database, reconcile orders,
chain transfers and the balance ledger, then write the CSV files. Exits with the reconcile step's
status: 0 nothing at or above --fail-on, 1 findings at or above it, 2 a step could not be done
or the mirror was incomplete after the sync, 130/143 stopped by SIGINT/SIGTERM.

Options:
  --out DIR             folder for the CSV files (default ./reports)
  --from ISO, --to ISO  window on created_at for reconcile and report (default: the last 7 days)
  --full                sync: re-walk the whole history
  --lookback-days N     sync: re-read orders of the last N days (default 7)
  --tolerance-ton X     reconcile: amounts within X TON count as equal (default 0)
  --grace-minutes N     reconcile: minutes before a paid-but-pending order is reported (default 30)
  --fail-on LEVEL       critical | warning | info | never (default warning)
  --webhook URL         reconcile: POST new findings here (default $OMRECON_WEBHOOK_URL)
  --tz ZONE             report: time zone of the daily summary (default UTC)
  --bom                 report: UTF-8 byte-order mark for Excel
  --max-sync-age-hours N  reconcile: the mirror is incomplete (exit 2, alerts held back) when the
                        last complete sync pass started more than N hours ago (default 26)
  --db PATH             database file (default $OMRECON_DB or ./data/omrecon.sqlite)
  --json                one JSON document {sync, reconcile, report, exit_status} on stdout
  -h, --help            this help

Settings: OPENMONEY_API_KEY (or _FILE), OPENMONEY_BASE_URL, TON_ENDPOINT, TON_API_KEY, OMRECON_DB,
OMRECON_WEBHOOK_URL, OMRECON_WEBHOOK_SECRET.
`;

/** `pnpm nightly`: returns the exit status; errors go to runMain. */
export async function nightlyMain(argv: readonly string[], io: Io): Promise<number> {
  const { values } = parseCommandLine(argv, nightlyFlags, { command: "nightly" });
  if (values.help) {
    io.stdout.write(HELP);
    return 0;
  }
  const options = nightlyOptionsFrom(values, io.now(), "./reports");
  const settings = loadSettings(io.env, { db: values.db, webhook: values.webhook }, { requireApiKey: true });
  const logger = createLogger({ stream: io.stderr, secrets: secretsOf(settings), base: { command: "nightly" } });
  const progress = createProgress({ stream: io.stderr, enabled: !values.json && Boolean(io.stderr.isTTY) });
  const firstRun = !existsSync(settings.dbPath);
  const store = await openStore(settings.dbPath);
  const client = new OpenMoneyClient({
    apiKey: settings.apiKey!,
    baseUrl: settings.baseUrl,
    logger,
    userAgent: "nightly",
  });
  const stop = stopOnSignals(io.signals, (signal) => logger.info(`${signal}: stopping at the next safe point`));
  const reconcileWith = connectReconcile(settings, { store, logger, progress, now: io.now, client, signal: stop.stop });
  try {
    if (firstRun) logger.info("new database: the first sync reads the whole history", { db: settings.dbPath });
    const outcome = await runNightly(
      {
        store,
        source: client,
        reconcile: reconcileWith.ctx,
        logger,
        progress,
        now: io.now,
        stopSignal: stop.stop,
        abortSignal: stop.abort,
      },
      options,
    );
    progress.clear();
    io.stdout.write(values.json ? `${JSON.stringify(nightlyJson(outcome))}\n` : nightlyText(outcome));
    return outcome.exitStatus;
  } finally {
    stop.dispose();
    progress.clear();
    await reconcileWith.close();
    await client.close();
    await store.close();
  }
}
