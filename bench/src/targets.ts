/** The bench's targets (bench/README.md, "Stages, baselines and targets"), in one place. */
export const TARGETS = {
  /** upsertOrders ÷ prepared INSERT. */
  storeWriteRatio: 1.5,
  /** upsertOrders on Postgres ÷ plain pg multi-row INSERTs of the same rows. */
  postgresStoreWriteRatio: 1.5,
  /** runSync (full) ÷ the same requests in a raw undici loop. */
  fullSyncRatio: 1.5,
  /** match() ÷ group-by-memo in a Map. */
  matchRatio: 3,
  /** Peak RSS of the match process (input loaded and matched), MiB: 1.5 GiB at a million orders. */
  matchRssMb: 1536,
  /** writeReports ÷ Papa.unparse of the same rows. */
  reportRatio: 2,
  /**
   * "Peak RSS not growing with N": the report over N orders may use at most this much more than over
   * N/10 (a report that held its rows would need up to ten times as much).
   */
  reportRssGrowth: 1.2,
} as const;
