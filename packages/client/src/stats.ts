/**
 * `/orders/stats/summary` is optional (docs/partner-api.md#stats): the page names it, but an API
 * without it, or with another shape, must not stop a run. Which failures mean "no stats" is
 * decided here once, for the reconciler's control totals and for sync's stale-order probe.
 */
import { ApiError, MalformedResponseError } from "./errors.js";
import type { StatsSummary } from "./types.js";

export interface OptionalStats {
  stats: StatsSummary | null;
  /** Why there are none, one line; null when there are. */
  warning: string | null;
}

/** Statuses that say the endpoint (or these parameters) is not there. */
const ABSENT = new Set([400, 404, 405, 410, 422, 501]);

/**
 * The one-line warning when `error` means the API has no usable stats (404, 405, 501, a refused
 * window, an answer of another shape); null when it is a failure of its own (a refused key, an
 * unreachable API), which the caller must not swallow.
 */
export function statsUnavailable(error: unknown): string | null {
  const lead = "control totals skipped: GET /orders/stats/summary";
  if (error instanceof ApiError && ABSENT.has(error.status)) {
    return `${lead} answered ${error.status} ${error.errorCode} (the API has no stats for this window)`;
  }
  if (error instanceof MalformedResponseError) {
    if (error.problem !== null) return `${lead} answered in a shape omrecon does not read (${error.problem})`;
    if (ABSENT.has(error.status)) {
      return `${lead} answered ${error.status} without the API's envelope (no stats endpoint; if every call fails so, check OPENMONEY_BASE_URL)`;
    }
  }
  return null;
}
