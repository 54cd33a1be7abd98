/**
 * Walking offset-paged lists (docs/partner-api.md#lists-and-pagination). Lists are newest first,
 * at most 100 items a page, with or without `total` (reader.ts reads every page form). Offset paging
 * over a list that changes mid-walk shifts rows: new rows at the head push old ones to later
 * offsets (we would see some twice), rows that leave a filtered list pull later ones forward (we
 * would skip some). So the walk yields each id once, and when `total` shrinks it steps back by as
 * much and reads again, so nothing is skipped. Without a `total` the walk ends at a short page.
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

/**
 * Whether `page`, read at `offset`, is the last of its list: it is empty, or it reaches `total`;
 * without a total, it is shorter than the page size the API says it used. Without either, only an
 * empty page ends the list: an API that quietly sends fewer rows than asked must not end a walk early.
 */
export function isLastPage(page: Page<unknown>, offset: number): boolean {
  const n = page.items.length;
  if (n === 0) return true;
  if (page.total !== null) return offset + n >= page.total;
  return page.limit !== null && n < page.limit;
}

export async function* walkPages<T extends { id: number }>(
  fetchPage: (offset: number, limit: number) => Promise<Page<T>>,
  options: WalkOptions = {},
): AsyncGenerator<T, void, undefined> {
  const limit = Math.min(Math.max(1, options.pageSize ?? MAX_PAGE_SIZE), MAX_PAGE_SIZE);
  const seen = new Set<number>();
  let offset = options.offset ?? 0;
  let previousTotal: number | null = null;
  for (;;) {
    const page = await fetchPage(offset, limit);
    if (previousTotal !== null && page.total !== null && page.total < previousTotal) {
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
    if (isLastPage(page, offset)) return;
    offset += page.items.length;
  }
}
