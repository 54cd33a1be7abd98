/**
 * Walking offset-paged lists. [assumed] Lists are `{items,total,limit,offset}`, newest first, at
 * most 100 items a page. Offset paging over a list that changes mid-walk shifts rows: new rows at
 * the head push old ones to later offsets (we would see some twice), rows that leave a filtered
 * list pull later ones forward (we would skip some). So the walk yields each id once, and when
 * `total` shrinks it steps back by as much and reads again, so nothing is skipped.
 */
import type { Page } from "./types.js";

/** The API's largest page. [assumed] */
export const MAX_PAGE_SIZE = 100;

export interface WalkOptions {
  /** Page size, 1..100. Default 100. */
  pageSize?: number | undefined;
  /** Where to start. Default 0. */
  offset?: number | undefined;
}

export async function* walkPages<T extends { id: number }>(
  fetchPage: (offset: number, limit: number) => Promise<Page<T>>,
  options: WalkOptions = {},
): AsyncGenerator<T, void, undefined> {
  const limit = Math.min(Math.max(1, options.pageSize ?? MAX_PAGE_SIZE), MAX_PAGE_SIZE);
  const seen = new Set<number>();
  let offset = options.offset ?? 0;
  let previousTotal: number | undefined;
  for (;;) {
    const page = await fetchPage(offset, limit);
    if (previousTotal !== undefined && page.total < previousTotal) {
      offset = Math.max(0, offset - (previousTotal - page.total));
      previousTotal = page.total;
      continue;
    }
    previousTotal = page.total;
    for (const item of page.items) {
      if (seen.has(item.id)) continue;
      seen.add(item.id);
      yield item;
    }
    offset += page.items.length;
    if (page.items.length === 0 || offset >= page.total) return;
  }
}
