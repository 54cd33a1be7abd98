/**
 * Errors that end a program with a given exit status (changesets' ExitError). cli.md: 0 done,
 * 1 findings at or above --fail-on, 2 could not do the job.
 */
export class ExitError extends Error {
  override name = "ExitError";
  constructor(
    message: string,
    readonly exitCode: number = 2,
  ) {
    super(message);
  }
}

/** A bad flag or argument: exit 2, the message says which and how to get help. */
export class UsageError extends ExitError {
  override name = "UsageError";
  constructor(message: string) {
    super(message, 2);
  }
}

/** A bad or missing setting: exit 2, the message names the variable or flag and the fix. */
export class ConfigError extends ExitError {
  override name = "ConfigError";
  constructor(message: string) {
    super(message, 2);
  }
}
