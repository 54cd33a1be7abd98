/** `omrecon reconcile`: flags → context → one run → output → exit status (docs/cli.md#exit-status). */
import { commonOptions, createProgress, type Io, logOptionsOf, parseCommandLine, parseWindow } from "@omrecon/cli";
import { exitStatusOf, humanSummary, reconcile, runJson } from "@omrecon/reconcile";
import { commandLogger } from "../command-logger.js";
import { opsFlags } from "../flags/ops-flags.js";
import { reconcileFlagOptions, reconcileFlags, reconcileSettings } from "../flags/reconcile-flags.js";
import { startOperations } from "../ops/operations.js";
import { withReconcileSession } from "../ops/reconcile-session.js";
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
  const settings = reconcileSettings(io.env, values);
  const logger = commandLogger(io, settings, "reconcile");
  const pretty = logOptionsOf(io.env, io.stderr).format === "pretty";
  const progress = createProgress({ enabled: !values.json && Boolean(io.stderr.isTTY), stream: io.stderr });
  const ops = await startOperations("reconcile", settings, io, logger);
  return withReconcileSession(
    settings,
    io,
    { command: "reconcile", ops, logger, progress, madeBy: "pnpm sync" },
    async ({ connection, reconcile: ctx }) => {
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
    },
  );
}
