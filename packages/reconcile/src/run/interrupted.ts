import { constants } from "node:os";
import { OmreconError, signalExitCode } from "@omrecon/core";

/**
 * A run stopped by SIGINT or SIGTERM at a safe point (between chain addresses and pages, before
 * matching, before applying): recorded `interrupted`, nothing of it applied, the lock released.
 * Exits 128 + the signal's number (130, 143), as a shell reports a program the signal ended.
 */
export class ReconcileInterruptedError extends OmreconError {
  override name = "ReconcileInterruptedError";
  constructor(readonly signal: string) {
    super(`stopped by ${signal} before the run was applied; it is recorded as interrupted, run reconcile again`, {
      code: "interrupted",
      exitCode: signalExitCode(signal),
    });
  }
}

/** The signal an AbortSignal was aborted for (`stopOnSignals` passes its name), or a generic stop. */
export function signalOf(signal: AbortSignal): string {
  const reason: unknown = signal.reason;
  return typeof reason === "string" && reason in constants.signals ? reason : "a stop request";
}
