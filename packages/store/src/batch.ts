/** SQLite binds at most 32 766 parameters per statement; stay well below it. */
const MAX_PARAMETERS = 30_000;

/** How many rows of `columns` values fit in one multi-row statement. */
export function maxRowsPerStatement(columns: number): number {
  return Math.max(1, Math.floor(MAX_PARAMETERS / columns));
}

export function chunk<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}
