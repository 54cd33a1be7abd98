/** `omrecon reconcile`: flags → context → one run → output → exit status (docs/cli.md#exit-status). */
import {
  commonOptions,
  createLogger,
  createProgress,
  type Io,
  loadSettings,
  parseCommandLine,
  parseWindow,
  secretsOf,
  stopOnSignals,
} from "@omrecon/cli";
import { connectReconcile, exitStatusOf, humanSummary, reconcile, runJson } from "@omrecon/reconcile";
import { connect } from "../connect.js";
import { reconcileFlagOptions, reconcileFlags } from "../flags/reconcile-flags.js";
import { HELP } from "./help.js";
import { resolveMain } from "./resolve-command.js";

export const reconcileOptions = {
  ...commonOptions,
  ...reconcileFlags,
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
    },
    { requireApiKey: true },
  );
  const logger = createLogger({ stream: io.stderr, secrets: secretsOf(settings), base: { command: "reconcile" } });
  const progress = createProgress({ enabled: !values.json && Boolean(io.stderr.isTTY), stream: io.stderr });
  const connection = await connect(settings, { command: "reconcile", logger, madeBy: "pnpm sync" });
  // SIGINT/SIGTERM: the run stops at its next safe point, recorded interrupted (exit 130/143).
  const stop = stopOnSignals(io.signals, (signal) => logger.info(`${signal}: stopping at the next safe point`));
  const { ctx, close } = connectReconcile(settings, {
    ...connection,
    logger,
    progress,
    now: io.now,
    signal: stop.stop,
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
    io.stderr.write(humanSummary(outcome));
    if (values.json) io.stdout.write(`${JSON.stringify(runJson(outcome))}\n`);
    return exitStatusOf(outcome, failOn);
  } finally {
    stop.dispose();
    progress.clear();
    await close();
    await connection.close();
  }
}
