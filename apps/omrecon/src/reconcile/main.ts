/** `omrecon reconcile`: flags → context → one run → output → exit status (docs/cli.md#exit-status). */
import {
  commonOptions,
  createLogger,
  createProgress,
  type Io,
  loadSettings,
  logOptionsOf,
  parseCommandLine,
  parseWindow,
  secretsOf,
  stopOnSignals,
} from "@omrecon/cli";
import { connectReconcile, exitStatusOf, humanSummary, reconcile, runJson } from "@omrecon/reconcile";
import { type Connection, connect } from "../connect.js";
import { opsFlags } from "../flags/ops-flags.js";
import { reconcileFlagOptions, reconcileFlags } from "../flags/reconcile-flags.js";
import { startOperations } from "../ops/operations.js";
import { HELP } from "./help.js";
import { resolveMain } from "./resolve-command.js";

export const reconcileOptions = {
  ...commonOptions,
  ...reconcileFlags,
  ...opsFlags,
} as const;

/** Runs `reconcile` or `reconcile resolve …`; returns the exit status. */
export async function reconcileMain(argv: readonly string[], io: Io): Promise<number> {
  if (argv[0] === "resolve") return resolveMain(argv.slice(1), io);
  const { values } = parseCommandLine(argv, reconcileOptions, { command: "reconcile" });
  if (values.help) {
    io.stdout.write(HELP);
    return 0;
  }
  const window = parseWindow(values, io.now());
  const { toleranceNano, graceMinutes, failOn, maxSyncAgeMs } = reconcileFlagOptions(values);
  const settings = loadSettings(
    io.env,
    {
      db: values.db,
      webhook: values.webhook,
      chainDeadline: values["chain-deadline"],
      chainMaxPages: values["chain-max-pages"],
      metricsFile: values["metrics-file"],
    },
    { requireApiKey: true },
  );
  const logger = createLogger({
    stream: io.stderr,
    env: io.env,
    secrets: secretsOf(settings),
    base: { command: "reconcile" },
  });
  const pretty = logOptionsOf(io.env, io.stderr).format === "pretty";
  const progress = createProgress({ enabled: !values.json && Boolean(io.stderr.isTTY), stream: io.stderr });
  const ops = await startOperations("reconcile", settings, io, logger);
  let connection: Connection | null = null;
  // SIGINT/SIGTERM: the run stops at its next safe point, recorded interrupted (exit 130/143).
  const stop = stopOnSignals(io.signals, (signal) => logger.info(`${signal}: stopping at the next safe point`));
  try {
    connection = await connect(settings, {
      command: "reconcile",
      logger,
      madeBy: "pnpm sync",
      onResponse: ops.partnerResponse,
    });
    const alerts = ops.runAlerts(connection.store);
    const { ctx, close } = connectReconcile(settings, {
      ...connection,
      logger,
      progress,
      now: io.now,
      signal: stop.stop,
      onTonRequest: ops.tonResponse,
      ...(alerts && { alerts }),
    });
    try {
      const outcome = await reconcile(ctx, {
        from: window.from,
        to: window.to,
        toleranceNano,
        graceMinutes,
        failOn,
        maxSyncAgeMs,
      });
      progress.clear();
      // One format per stream: the summary is for a person; the json logs already carry the run.
      if (pretty) io.stderr.write(humanSummary(outcome));
      if (values.json) io.stdout.write(`${JSON.stringify(runJson(outcome))}\n`);
      const status = exitStatusOf(outcome, failOn);
      await ops.succeed(connection.store, status, {
        orders_read: outcome.totals.orders,
        transfers_read: outcome.totals.transfers,
      });
      return status;
    } finally {
      await close();
    }
  } catch (error) {
    progress.clear();
    await ops.fail(connection?.store ?? null, error);
    throw error;
  } finally {
    stop.dispose();
    progress.clear();
    await connection?.close();
  }
}
