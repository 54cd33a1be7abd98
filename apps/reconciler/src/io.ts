import type { SignalSource } from "@omrecon/cli";

/** The program's outside world: streams, environment, clock and signals (tests pass their own). */
export interface Io {
  env: Record<string, string | undefined>;
  stdout: NodeJS.WritableStream;
  stderr: NodeJS.WritableStream & { isTTY?: boolean };
  now: () => Date;
  signals?: SignalSource;
}
