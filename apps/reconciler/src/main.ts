/** `pnpm reconcile`: flags → context → one run → output → exit status (cli.md). */
import { existsSync } from "node:fs";
import {
  ConfigError,
  choiceFlag,
  commonOptions,
  createLogger,
  createProgress,
  intFlag,
  loadSettings,
  parseCommandLine,
  parseWindow,
  secretsOf,
  stopOnSignals,
  tonFlag,
} from "@omrecon/cli";
import type { FailOn } from "@omrecon/core";
import { connectReconcile, exitStatusOf, humanSummary, reconcile, runJson } from "@omrecon/reconcile";
import { openStore } from "@omrecon/store";
import { HELP } from "./help.js";
import type { Io } from "./io.js";
import { resolveCommand } from "./resolve-command.js";

export const reconcileOptions = {
  ...commonOptions,
  "tolerance-ton": { type: "string" },
  "grace-minutes": { type: "string" },
  "fail-on": { type: "string" },
  webhook: { type: "string" },
  "max-sync-age-hours": { type: "string" },
} as const;

const FAIL_ON: readonly FailOn[] = ["critical", "warning", "info", "never"];

/** Runs `reconcile` or `reconcile resolve …`; returns the exit status. */
export async function reconcileMain(argv: readonly string[], io: Io): Promise<number> {
  if (argv[0] === "resolve") return resolveCommand(argv.slice(1), io, HELP);
  const { values } = parseCommandLine(argv, reconcileOptions, { command: "reconcile" });
  if (values.help) {
    io.stdout.write(HELP);
    return 0;
  }
  const window = parseWindow(values, io.now());
  const toleranceNano = tonFlag("tolerance-ton", values["tolerance-ton"], 0n);
  const graceMinutes = intFlag("grace-minutes", values["grace-minutes"], 30, 0, 525_600);
  const failOn = choiceFlag("fail-on", values["fail-on"], FAIL_ON, "warning");
  const maxSyncAgeMs = intFlag("max-sync-age-hours", values["max-sync-age-hours"], 26, 1, 8_760) * 3_600_000;
  const settings = loadSettings(io.env, { db: values.db, webhook: values.webhook }, { requireApiKey: true });
  if (!existsSync(settings.dbPath)) {
    throw new ConfigError(`database ${settings.dbPath} does not exist; run \`pnpm sync\` first or pass --db`);
  }
  const logger = createLogger({ stream: io.stderr, secrets: secretsOf(settings), base: { command: "reconcile" } });
  const progress = createProgress({ enabled: !values.json && Boolean(io.stderr.isTTY), stream: io.stderr });
  const store = await openStore(settings.dbPath);
  // SIGINT/SIGTERM: the run stops at its next safe point, recorded interrupted (exit 130/143).
  const stop = stopOnSignals(io.signals, (signal) => logger.info(`${signal}: stopping at the next safe point`));
  const { ctx, close } = connectReconcile(settings, { store, logger, progress, now: io.now, signal: stop.stop });
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
    await store.close();
  }
}
