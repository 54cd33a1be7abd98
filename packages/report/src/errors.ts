import { OmreconError } from "@omrecon/core";

/** A report flag that cannot be honoured (`--period`, `--from/--to`, `--format`): exit 2, names the flag. */
export class ReportUsageError extends OmreconError {
  override name = "ReportUsageError";
  constructor(message: string) {
    super(message, { code: "usage" });
  }
}

/** The output folder cannot take the files: exit 2, names the path and what to do. */
export class ReportOutputError extends OmreconError {
  override name = "ReportOutputError";
  constructor(message: string, cause?: unknown) {
    super(message, { code: "report_output", cause });
  }
}

/**
 * A bridge of the period does not close to the nanoton (docs/cli.md#report-files): the numbers
 * disagree with each other, so no file of the report is delivered. Exit 2; names the day and the side.
 */
export class BridgeError extends OmreconError {
  override name = "BridgeError";
  readonly day: string;
  readonly side: "orders" | "chain";
  constructor(message: string, day: string, side: "orders" | "chain") {
    super(message, { code: "bridge_open" });
    this.day = day;
    this.side = side;
  }
}
