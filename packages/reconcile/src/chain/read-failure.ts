import type { ChainLimits } from "./chain-limits.js";
import { ChainSourceError } from "./chain-source.js";
import { ChainGapError } from "./continuity.js";
import type { AddressReadResult } from "./read-new-transfers.js";

/** The read's own limits stopped it: the page cap was reached. */
export class ChainLimitError extends Error {
  override name = "ChainLimitError";
}

/**
 * One line: what went wrong, at which endpoint, and what to do. The address is the result's own
 * (and the run's error puts it first).
 */
export function describeFailure(
  error: unknown,
  where: string,
  result: AddressReadResult,
  limits: ChainLimits,
  late: boolean,
): string {
  const kept = "the cursor was not moved";
  if (late) {
    return `the chain read passed its deadline of ${limits.deadlineMs / 1000} s${where}; ${kept}: rerun, or raise OMRECON_CHAIN_DEADLINE (--chain-deadline)`;
  }
  if (error instanceof ChainLimitError) return `${error.message}${where}; ${kept}`;
  const attempts = `${result.requests} request${result.requests === 1 ? "" : "s"}`;
  if (error instanceof ChainGapError) {
    return `${where.replace(/^ from /, "")}: ${error.message} (${attempts}); ${kept}: rerun later, or set TON_ENDPOINT to another provider`;
  }
  const first = ((error as Error)?.message ?? String(error)).split("\n")[0]!;
  if (error instanceof ChainSourceError && !error.retryable)
    return `${where.replace(/^ from /, "")}: ${first}; ${kept}`;
  return `${where.replace(/^ from /, "")}: ${first} (${attempts}); ${kept}: rerun later, or check TON_ENDPOINT and TON_API_KEY`;
}
