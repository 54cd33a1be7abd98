/** The program's outside world: streams, environment, clock and signals (tests pass their own). */
export interface Io {
  env: Record<string, string | undefined>;
  stdout: NodeJS.WritableStream;
  stderr: NodeJS.WritableStream & { isTTY?: boolean };
  now: () => Date;
  signals?: {
    on(signal: "SIGINT" | "SIGTERM", listener: (signal: NodeJS.Signals) => void): unknown;
    off(signal: "SIGINT" | "SIGTERM", listener: (signal: NodeJS.Signals) => void): unknown;
  };
}

/** First SIGINT/SIGTERM: stop after the current page. Returns the signal and a cleanup. */
export function stopOnSignals(
  io: Io,
  onStop: (signal: NodeJS.Signals) => void,
): { signal: AbortSignal; dispose(): void } {
  const controller = new AbortController();
  const listener = (signal: NodeJS.Signals) => {
    if (controller.signal.aborted) return;
    onStop(signal);
    controller.abort(signal);
  };
  io.signals?.on("SIGINT", listener);
  io.signals?.on("SIGTERM", listener);
  return {
    signal: controller.signal,
    dispose() {
      io.signals?.off("SIGINT", listener);
      io.signals?.off("SIGTERM", listener);
    },
  };
}
