import {
  commonOptions,
  createProgress,
  ExitError,
  type Io,
  loadSettings,
  parseCommandLine,
  stopOnSignals,
  timeZoneFlag,
  UsageError,
} from "@omrecon/cli";
import { signalExitCode } from "@omrecon/core";
import {
  DEFAULT_LOOKBACK_DAYS,
  isValidCronExpression,
  runSync,
  type SyncContext,
  type SyncResult,
  startSyncCron,
  summaryLine,
} from "@omrecon/sync";
import { commandLogger } from "../command-logger.js";
import { connect } from "../connect.js";
import { opsFlags } from "../flags/ops-flags.js";
import { syncPassFlags, syncPassOptions } from "../flags/sync-flags.js";
import { type Operations, startOperations } from "../ops/operations.js";

export const HELP = `Usage: omrecon sync [--full] [--cron EXPR [--tz ZONE]] [options]

Mirrors the partner API (orders, balance, balance transactions) into the local database.
One incremental pass, then exit; with --cron, a pass on that schedule until SIGINT/SIGTERM.

Options:
  --full              re-walk the whole history (repairs a mirror; never duplicates)
  --cron EXPR         stay running, a pass on this node-cron schedule, e.g. "0 2 * * *"
  --tz ZONE           IANA time zone the --cron expression is read in (default: the system's)
  --lookback-days N   re-read orders created in the last N days every pass (default ${DEFAULT_LOOKBACK_DAYS})
  --metrics-file PATH write Prometheus metrics there after the pass (textfile collector; default
                      $OMRECON_METRICS_FILE); not with --cron
  --db PATH           SQLite file or postgres:// URL (default $OMRECON_DB or ./data/omrecon.sqlite)
  --json              one JSON summary per pass on stdout and nothing else there
  -h, --help          this help

Settings: OPENMONEY_API_KEY (or OPENMONEY_API_KEY_FILE), OPENMONEY_BASE_URL, OMRECON_DB; a pass
that fails sends a run.failed alert (OMRECON_WEBHOOK_URL) and pings OMRECON_HEARTBEAT_URL.
Exit status: 0 done; 2 could not sync (bad flag or setting, key refused, service unreachable
after retries, database unusable, another sync running); 130/143 stopped by SIGINT/SIGTERM before
the end (the next pass continues from the last committed page).
`;

export const syncOptions = {
  db: commonOptions.db,
  json: commonOptions.json,
  help: commonOptions.help,
  ...syncPassFlags,
  ...opsFlags,
  cron: { type: "string" },
  tz: { type: "string" },
} as const;

/** `pnpm sync`: returns the exit status; errors go to runMain. */
export async function syncMain(argv: readonly string[], io: Io): Promise<number> {
  const { values } = parseCommandLine(argv, syncOptions, { command: "sync" });
  if (values.help) {
    io.stdout.write(HELP);
    return 0;
  }
  const options = syncPassOptions(values);
  if (values.tz !== undefined && values.cron === undefined) throw new UsageError("--tz applies only with --cron");
  const timezone = values.tz === undefined ? undefined : timeZoneFlag("tz", values.tz, "UTC");
  if (values.cron !== undefined && !isValidCronExpression(values.cron)) {
    throw new UsageError(
      `--cron must be a cron expression like "0 2 * * *" (minute hour day month weekday), got ${JSON.stringify(values.cron)}`,
    );
  }
  if (values.cron !== undefined && values["metrics-file"] !== undefined) {
    throw new UsageError(
      "--metrics-file is written after a one-shot pass; with --cron, run sync from the system's cron instead",
    );
  }
  const settings = loadSettings(
    io.env,
    { db: values.db, metricsFile: values["metrics-file"] },
    { requireApiKey: true },
  );
  const logger = commandLogger(io, settings, "sync");
  const cron = values.cron;
  const json = values.json ?? false;
  const progress = createProgress({ stream: io.stderr, enabled: !json && !cron && Boolean(io.stderr.isTTY) });
  const print = (result: SyncResult) => io.stdout.write(`${json ? JSON.stringify(result) : summaryLine(result)}\n`);

  // A one-shot pass is watched (heartbeat, run.failed alert, metrics); a --cron process logs each pass.
  const ops = cron === undefined ? await startOperations("sync", settings, io, logger) : null;
  let connection: Awaited<ReturnType<typeof connect>> | null = null;
  try {
    connection = await connect(settings, {
      command: "sync",
      logger,
      ...(ops && { onResponse: ops.partnerResponse }),
    });
    return await syncWith(connection, ops);
  } catch (error) {
    await ops?.fail(connection?.store ?? null, error);
    throw error;
  } finally {
    await connection?.close();
  }

  async function syncWith(
    { client, store }: Awaited<ReturnType<typeof connect>>,
    watched: Operations | null,
  ): Promise<number> {
    // First signal: finish the page in hand and stop. Second: abandon the request in flight too.
    const signals = stopOnSignals(io.signals, (signal) => logger.info(`${signal}: stopping after the current page`));
    const ctx: SyncContext = {
      source: client,
      store,
      logger,
      progress,
      now: io.now,
      stopSignal: signals.stop,
      abortSignal: signals.abort,
    };
    try {
      if (cron !== undefined) {
        const schedule = startSyncCron(ctx, options, {
          expression: cron,
          ...(timezone !== undefined && { timezone }),
          onPass: print,
        });
        signals.stop.addEventListener("abort", () => void schedule.stop(), { once: true });
        logger.info("scheduled", { cron, tz: timezone ?? null, next: schedule.nextRun()?.toISOString() ?? null });
        await schedule.finished;
        logger.info("stopped");
        return 0;
      }
      const result = await runSync(ctx, options);
      print(result);
      if (result.stopped) {
        throw new ExitError(
          `stopped by ${String(signals.stop.reason)} before the end; the next pass continues from the last committed page`,
          signalExitCode(signals.stop.reason),
          "interrupted",
        );
      }
      await watched?.succeed(store, 0, {
        orders_read: result.orders.fetched,
        balance_transactions_read: result.balance_transactions.fetched,
      });
      return 0;
    } catch (error) {
      throw asExitError(error, signals.abort);
    } finally {
      signals.dispose();
    }
  }
}

/**
 * A request abandoned by a second signal says so, whatever the request failed with; every other
 * error already carries its code and exit status (runMain maps them).
 */
function asExitError(error: unknown, abort: AbortSignal): unknown {
  if (abort.aborted) {
    return new ExitError(
      `interrupted by ${String(abort.reason)} during a request; the next pass continues from the last committed page`,
      signalExitCode(abort.reason),
      "interrupted",
    );
  }
  return error;
}
