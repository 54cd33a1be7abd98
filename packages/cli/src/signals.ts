/** Where signals come from: `process`, or an emitter in tests. */
export interface SignalSource {
  on(signal: "SIGINT" | "SIGTERM", listener: (signal: NodeJS.Signals) => void): unknown;
  off(signal: "SIGINT" | "SIGTERM", listener: (signal: NodeJS.Signals) => void): unknown;
}

export interface StopSignals {
  /** Aborted by the first SIGINT/SIGTERM: finish the page in hand, then stop. */
  stop: AbortSignal;
  /** Aborted by the second: abandon the request in flight too. */
  abort: AbortSignal;
  /** Removes the listeners. */
  dispose(): void;
}

/** The two-stage stop every long-running command shares (a second Ctrl-C means "now"). */
export function stopOnSignals(source: SignalSource | undefined, onStop: (signal: NodeJS.Signals) => void): StopSignals {
  const stop = new AbortController();
  const abort = new AbortController();
  const listener = (signal: NodeJS.Signals) => {
    if (stop.signal.aborted) {
      abort.abort(signal);
      return;
    }
    onStop(signal);
    stop.abort(signal);
  };
  source?.on("SIGINT", listener);
  source?.on("SIGTERM", listener);
  return {
    stop: stop.signal,
    abort: abort.signal,
    dispose() {
      source?.off("SIGINT", listener);
      source?.off("SIGTERM", listener);
    },
  };
}
