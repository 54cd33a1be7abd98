import type { SignalSource } from "./signals.js";

/**
 * A command's outside world: environment, streams, clock and signals. Declared once for every
 * command; the one entry file passes `processIo()`, tests pass their own streams, clock and emitter.
 */
export interface Io {
  env: Record<string, string | undefined>;
  stdout: NodeJS.WritableStream & { isTTY?: boolean };
  stderr: NodeJS.WritableStream & { isTTY?: boolean; columns?: number };
  now: () => Date;
  /** SIGINT/SIGTERM; absent in tests that never stop a command. */
  signals?: SignalSource;
}

/** The real world: `process`'s environment, streams and signals, and the wall clock. */
export function processIo(): Io {
  return {
    env: process.env,
    stdout: process.stdout,
    stderr: process.stderr,
    now: () => new Date(),
    signals: process,
  };
}

/** Resolves on the first SIGINT or SIGTERM (never, without a signal source): a server's "until stopped". */
export function untilSignal(signals: SignalSource | undefined): Promise<void> {
  return new Promise((resolve) => {
    if (signals === undefined) return;
    const stop = () => {
      signals.off("SIGINT", stop);
      signals.off("SIGTERM", stop);
      resolve();
    };
    signals.on("SIGINT", stop);
    signals.on("SIGTERM", stop);
  });
}
