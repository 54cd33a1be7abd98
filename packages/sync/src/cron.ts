import { type Logger, silentLogger } from "@omrecon/core";
import { schedule, validate } from "node-cron";
import type { SyncContext, SyncOptions } from "./context.js";
import { SyncLockedError } from "./errors.js";
import { runSync } from "./run-sync.js";
import type { SyncResult } from "./tally.js";

export interface SyncCronOptions {
  /** node-cron expression (5 fields, or 6 with seconds first). */
  expression: string;
  /** IANA zone the expression is read in. Default: the process's. */
  timezone?: string;
  /** Called after every pass that ran (also a stopped one). */
  onPass?: (result: SyncResult) => void;
}

export interface SyncCron {
  /** No new pass starts; a running one ends after its current page. Resolves when all is quiet. */
  stop(): Promise<void>;
  /** Settles when the schedule has ended: resolves after `stop()`, rejects with a fatal pass error. */
  readonly finished: Promise<void>;
  /** When the next pass is due, or null once stopped. */
  nextRun(): Date | null;
}

/** Errors no later tick can cure: the schedule ends with them instead of failing every tick. */
const FATAL = new Set(["AuthenticationError", "PermissionError", "StoreError"]);

export function isValidCronExpression(expression: string): boolean {
  return validate(expression);
}

/**
 * Runs `runSync` on a cron schedule: never two passes at once (node-cron's noOverlap in this
 * process, the database lock across processes: a tick that finds the lock held is skipped), a
 * failed pass logged and retried by the next tick unless it is fatal (key refused, database
 * unusable).
 */
export function startSyncCron(ctx: SyncContext, options: SyncOptions, cron: SyncCronOptions): SyncCron {
  if (!validate(cron.expression)) throw new RangeError(`not a cron expression: ${JSON.stringify(cron.expression)}`);
  const logger = ctx.logger ?? silentLogger;
  const stopper = new AbortController();
  const stopSignal = ctx.stopSignal ? AbortSignal.any([ctx.stopSignal, stopper.signal]) : stopper.signal;
  const passContext: SyncContext = { ...ctx, stopSignal };
  let running: Promise<void> | undefined;
  let stopping: Promise<void> | undefined;
  let settle!: { resolve: () => void; reject: (error: unknown) => void };
  const finished = new Promise<void>((resolve, reject) => {
    settle = { resolve, reject };
  });

  const tick = async (): Promise<void> => {
    try {
      const result = await runSync(passContext, options);
      cron.onPass?.(result);
    } catch (error) {
      if (error instanceof SyncLockedError) {
        logger.warn("pass skipped", { reason: error.message });
      } else if (FATAL.has((error as Error)?.name)) {
        void end(error);
      } else {
        logger.error("pass failed; the next tick tries again", { error: (error as Error)?.message ?? String(error) });
      }
    }
  };

  const task = schedule(
    cron.expression,
    async () => {
      if (stopper.signal.aborted) return;
      running = tick();
      await running;
      running = undefined;
    },
    {
      name: "omrecon-sync",
      noOverlap: true,
      ...(cron.timezone !== undefined && { timezone: cron.timezone }),
      logger: cronLogger(logger),
    },
  );

  const end = (error?: unknown): Promise<void> => {
    stopping ??= (async () => {
      stopper.abort();
      await task.stop();
      await running;
      await task.destroy();
      if (error === undefined) settle.resolve();
      else settle.reject(error);
    })();
    return stopping;
  };
  // The caller may never await `finished` after a plain stop(); a rejection is theirs to handle.
  finished.catch(() => {});

  return {
    stop: () => end(),
    finished,
    nextRun: () => (stopper.signal.aborted ? null : task.getNextRun()),
  };
}

function cronLogger(logger: Logger) {
  const text = (m: string | Error) => (m instanceof Error ? m.message : m);
  return {
    info: (m: string) => logger.debug(`node-cron: ${m}`),
    warn: (m: string) => logger.debug(`node-cron: ${m}`),
    error: (m: string | Error) => logger.warn(`node-cron: ${text(m)}`),
    debug: (m: string | Error) => logger.debug(`node-cron: ${text(m)}`),
  };
}
