import { isLastPage, type Page } from "@omrecon/client";
import type { StoreDb } from "@omrecon/store";
import type { Pass } from "./pass.js";

/** Pages written in one transaction at most: a crash re-reads at most this many. */
export const MAX_PAGES_PER_COMMIT = 10;
/** A group's transaction commits once it has been open this long, even waiting for a page. */
export const MAX_COMMIT_DELAY_MS = 250;

export interface PageWalk<T> {
  /** Offset of the first page. */
  start: number;
  fetch(offset: number): Promise<Page<T>>;
  /** Whether `page` (read at `offset`) is the walk's last. */
  isLast(page: Page<T>, offset: number): boolean;
  /**
   * Writes the page and the cursor that follows it, inside the open transaction of its group; what
   * it counts is committed with it (a failed commit ends the pass, counts and all).
   */
  write(trx: StoreDb, page: Page<T>, next: number, last: boolean): Promise<void>;
  /**
   * Pages requested at once (default 1: the next one while this one is written). More only for a
   * walk whose pages are all full but the last and whose `total` is fixed (a pinned window): a page
   * further ahead is asked for only while its offset is below the current page's `total`, so no
   * request goes past the end of the list.
   */
  ahead?: number;
}

/** Why a group's transaction ended. */
type GroupEnd = "done" | "stopped" | "full" | "waiting" | "failed";

/**
 * Reads pages at increasing offsets until `isLast`. Consecutive pages are written in one
 * transaction (a group) that carries the cursor of the last of them: at most MAX_PAGES_PER_COMMIT
 * pages, and it commits as soon as it has been open MAX_COMMIT_DELAY_MS, so a crash re-reads little,
 * a slow answer never holds the write lock, and a stop is honoured promptly. The next page is
 * requested before the current one is written (and further pages with `ahead`), so the database
 * write overlaps the network wait;
 * the cursor still only moves with a commit. A stop asked for mid-walk ends it with the commit of
 * the pages in hand (a page already requested is then dropped); a request that fails ends it too,
 * once the pages before it are committed. A stop also ends the wait for a page in flight.
 */
export async function walkPages<T>(pass: Pass, walk: PageWalk<T>): Promise<"done" | "stopped"> {
  if (pass.stopRequested()) return "stopped";
  let offset = walk.start;
  const ahead = Math.max(1, walk.ahead ?? 1);
  // Requests made and not yet taken, by offset; a failure of one not awaited yet is not unhandled.
  const inFlight = new Map<number, Promise<Page<T>>>();
  const request = (at: number): void => {
    if (inFlight.has(at)) return;
    const promise = walk.fetch(at);
    promise.catch(() => {});
    inFlight.set(at, promise);
  };
  const take = (at: number): Promise<Page<T>> => {
    request(at);
    const promise = inFlight.get(at)!;
    inFlight.delete(at);
    return promise;
  };
  let pending: Promise<Page<T>> = take(offset);
  for (;;) {
    // The first page of a group is awaited outside any transaction; a stop does not wait for it.
    const first = await settleBefore(pending, Number.POSITIVE_INFINITY, pass.stopSignal);
    if (first === undefined) return "stopped";
    if ("error" in first) throw first.error;
    let page = first.value;
    let failure: { error: unknown } | undefined;
    const end = await pass.commit(async (trx): Promise<GroupEnd> => {
      const deadline = Date.now() + MAX_COMMIT_DELAY_MS;
      for (let written = 1; ; written++) {
        const next = offset + page.items.length;
        const last = walk.isLast(page, offset);
        if (!last && !pass.stopRequested()) {
          pending = take(next);
          const size = page.items.length;
          // Only below a known total: without one, a page past the end cannot be told from a page.
          if (page.total !== null)
            for (let k = 1; k < ahead; k++) if (next + k * size < page.total) request(next + k * size);
        }
        await walk.write(trx, page, next, last);
        offset = next;
        if (last) return "done";
        if (pass.stopRequested()) return "stopped";
        if (written >= MAX_PAGES_PER_COMMIT) return "full";
        const arrived = await settleBefore(pending, deadline, pass.stopSignal);
        if (arrived === undefined) return pass.stopRequested() ? "stopped" : "waiting";
        if ("error" in arrived) {
          failure = arrived;
          return "failed";
        }
        page = arrived.value;
      }
    });
    if (failure) throw failure.error;
    if (end === "done" || end === "stopped") return end;
  }
}

/** The promise's outcome if it settles before `deadline` and before `signal` aborts, else undefined. */
async function settleBefore<V>(
  promise: Promise<V>,
  deadline: number,
  signal: AbortSignal | undefined,
): Promise<{ value: V } | { error: unknown } | undefined> {
  const wait = deadline - Date.now();
  if (wait <= 0 || signal?.aborted) return undefined;
  let timer: NodeJS.Timeout | undefined;
  let onAbort: (() => void) | undefined;
  const cut = new Promise<undefined>((resolve) => {
    if (wait !== Number.POSITIVE_INFINITY) timer = setTimeout(() => resolve(undefined), wait);
    onAbort = () => resolve(undefined);
    signal?.addEventListener("abort", onAbort, { once: true });
  });
  try {
    return await Promise.race([
      promise.then(
        (value) => ({ value }),
        (error: unknown) => ({ error }),
      ),
      cut,
    ]);
  } finally {
    clearTimeout(timer);
    if (onAbort) signal?.removeEventListener("abort", onAbort);
  }
}

/** The end of a newest-first list: the client's rule (empty, `total` reached, or short by the API's own limit). */
export function endOfList(page: Page<unknown>, offset: number, _pageSize: number): boolean {
  return isLastPage(page, offset);
}
