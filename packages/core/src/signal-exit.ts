import { constants } from "node:os";

/**
 * The exit status of a command that a signal stopped cleanly (docs/cli.md#exit-status): 128 + the
 * signal's number, as a shell reports a program the signal ended (SIGINT 130, SIGTERM 143). `reason`
 * is what `stopOnSignals` aborts with (the signal's name); anything else counts as SIGINT.
 */
export function signalExitCode(reason: unknown): number {
  const number =
    typeof reason === "string" ? (constants.signals as Record<string, number | undefined>)[reason] : undefined;
  return number === undefined ? 130 : 128 + number;
}
