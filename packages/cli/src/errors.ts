import { OmreconError } from "@omrecon/core";

/**
 * Errors that end a program with a given exit status (changesets' ExitError). docs/cli.md#exit-status:
 * 0 done, 1 findings at or above --fail-on, 2 could not do the job.
 */
export class ExitError extends OmreconError {
  override name = "ExitError";
  constructor(message: string, exitCode = 2, code = "failed") {
    super(message, { code, exitCode });
  }
}

/** A bad flag or argument: exit 2, the message says which and how to get help. */
export class UsageError extends ExitError {
  override name = "UsageError";
  constructor(message: string) {
    super(message, 2, "usage");
  }
}

/** A bad or missing setting: exit 2, the message names the variable or flag and the fix. */
export class ConfigError extends ExitError {
  override name = "ConfigError";
  constructor(message: string) {
    super(message, 2, "config");
  }
}
