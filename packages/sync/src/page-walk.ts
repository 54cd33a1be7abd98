import type { Page } from "@omrecon/client";
import type { Pass } from "./pass.js";

export interface PageWalk<T> {
  /** Offset of the first page. */
  start: number;
  fetch(offset: number): Promise<Page<T>>;
  /** Whether `page` (read at `offset`) is the walk's last. */
  isLast(page: Page<T>, offset: number): boolean;
  /** Writes the page and the cursor that follows it (one transaction). */
  commit(page: Page<T>, next: number, last: boolean): Promise<void>;
}

/**
 * Reads pages at increasing offsets until `isLast`, committing each in turn. The next page is
 * requested before the current one is written, so the database write overlaps the network wait;
 * the cursor still only moves with a commit. A stop asked for mid-walk ends it after the commit in
 * hand (a page already requested is then dropped).
 */
export async function walkPages<T>(pass: Pass, walk: PageWalk<T>): Promise<"done" | "stopped"> {
  if (pass.stopRequested()) return "stopped";
  let offset = walk.start;
  let pending = walk.fetch(offset);
  for (;;) {
    const page = await pending;
    const next = offset + page.items.length;
    const last = walk.isLast(page, offset);
    if (!last && !pass.stopRequested()) {
      pending = walk.fetch(next);
      // Awaited on the next turn; until then a failure must not count as unhandled.
      pending.catch(() => {});
    }
    await walk.commit(page, next, last);
    if (last) return "done";
    if (pass.stopRequested()) return "stopped";
    offset = next;
  }
}

/** The end of a newest-first list: nothing more, or the count is reached, or a short page. */
export function endOfList(page: Page<unknown>, offset: number, pageSize: number): boolean {
  const n = page.items.length;
  return n === 0 || offset + n >= page.total || n < Math.min(pageSize, page.limit || pageSize);
}
