/** docs/cli.md's exit status for a finished run: 1 when any open finding is at or above `--fail-on`. */
import { atOrAbove, type FailOn } from "@omrecon/core";
import type { RunOutcome } from "./context.js";

export function exitStatusOf(outcome: Pick<RunOutcome, "findings">, failOn: FailOn): 0 | 1 {
  return outcome.findings.some((f) => atOrAbove(f.severity, failOn)) ? 1 : 0;
}
