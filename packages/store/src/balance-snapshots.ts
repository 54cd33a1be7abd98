import type { Insertable, Selectable } from "kysely";
import type { BalanceSnapshotsTable } from "./schema.js";
import { builder, type StoreDb } from "./session.js";

/** One reading of GET /balance: `balance_nano` bigint, `taken_at` when sync read it. */
export type BalanceSnapshotRow = Selectable<BalanceSnapshotsTable>;
export type NewBalanceSnapshotRow = Insertable<BalanceSnapshotsTable>;

/** Records a snapshot and returns its id. */
export async function insertBalanceSnapshot(db: StoreDb, row: NewBalanceSnapshotRow): Promise<bigint> {
  const { id } = await builder(db)
    .insertInto("balance_snapshots")
    .values(row)
    .returning("id")
    .executeTakeFirstOrThrow();
  return id;
}

/** The most recent snapshot (by `taken_at`, then id), or undefined when sync never read the balance. */
export async function latestBalanceSnapshot(db: StoreDb): Promise<BalanceSnapshotRow | undefined> {
  return builder(db)
    .selectFrom("balance_snapshots")
    .selectAll()
    .orderBy("taken_at", "desc")
    .orderBy("id", "desc")
    .limit(1)
    .executeTakeFirst();
}
