/**
 * The root of every error a person may read. Each class says what it means for a program through
 * `code` (a stable snake_case word, for scripts and for the CLI's one mapping table) and
 * `exitCode` (docs/cli.md#exit-status: 2 "could not do the job" unless a class says otherwise),
 * so the CLI maps errors by type, never by name strings or message text. Messages are one line,
 * name the setting, field or path involved and what to do, and never carry a secret.
 */
export class OmreconError extends Error {
  override name = "OmreconError";
  /** Stable identifier of the failure, e.g. `auth_refused`, `store_unusable`, `chain_unreadable`. */
  readonly code: string;
  /** The exit status a command ends with when this error ends it. */
  readonly exitCode: number;

  constructor(message: string, options: { code: string; exitCode?: number; cause?: unknown }) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.code = options.code;
    this.exitCode = options.exitCode ?? 2;
  }
}

/** True for any error of the hierarchy, also across two copies of this package. */
export function isOmreconError(error: unknown): error is OmreconError {
  return (
    error instanceof OmreconError ||
    (typeof error === "object" &&
      error !== null &&
      typeof (error as { code?: unknown }).code === "string" &&
      typeof (error as { exitCode?: unknown }).exitCode === "number")
  );
}
