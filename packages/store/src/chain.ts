import { type Insertable, type Selectable, sql } from "kysely";
import { chunk } from "./batch.js";
import type { ChainCursorsTable, ChainTransfersTable } from "./schema.js";
import { builder, type StoreDb } from "./session.js";

/** An incoming message into a watched address, as the chain reader stored it. */
export type ChainTransferRow = Selectable<ChainTransfersTable>;
export type NewChainTransferRow = Insertable<ChainTransfersTable>;
export type ChainCursorRow = Selectable<ChainCursorsTable>;

/** Where the reader stopped for one address: its newest transaction already stored. */
export interface ChainCursor {
  /** Raw form `0:<hex>`. */
  address: string;
  lt: bigint;
  /** 64 lowercase hex. */
  hash: string;
}

export interface ListTransfersFilter {
  /** Raw addresses; absent: every address. */
  addresses?: readonly string[];
  /** Unix seconds, inclusive. */
  fromUtime?: number;
  /** Unix seconds, exclusive. */
  toUtime?: number;
}

const ROWS_PER_STATEMENT = 500;

/** Every column but the key and `read_at`: what a re-read may correct. */
const CONTENT_COLUMNS = [
  "lt",
  "utime",
  "address",
  "source",
  "value_nano",
  "comment",
  "body_kind",
  "external",
  "bounced",
  "aborted",
  "sent_back",
  "bounceable",
  "bounce_sent",
] as const satisfies readonly (keyof ChainTransfersTable)[];

/**
 * Stores transfers by transaction hash, 500 rows a statement. A hash already stored is not
 * duplicated: its row is rewritten only if the facts differ (a corrected parser), keeping the first
 * `read_at`. Returns how many rows were new.
 */
export async function upsertTransfers(db: StoreDb, rows: readonly NewChainTransferRow[]): Promise<number> {
  let inserted = 0;
  const unique = [...new Map(rows.map((r) => [r.hash, r])).values()];
  for (const part of chunk(unique, ROWS_PER_STATEMENT)) {
    const existing = await builder(db)
      .selectFrom("chain_transfers")
      .select((eb) => eb.fn.countAll<bigint>().as("n"))
      .where(
        "hash",
        "in",
        part.map((r) => r.hash),
      )
      .executeTakeFirstOrThrow();
    const stored = sql.join(CONTENT_COLUMNS.map((c) => sql.ref(`chain_transfers.${c}`)));
    const incoming = sql.join(CONTENT_COLUMNS.map((c) => sql.ref(`excluded.${c}`)));
    await builder(db)
      .insertInto("chain_transfers")
      .values(part)
      .onConflict((oc) =>
        oc
          .column("hash")
          .doUpdateSet((eb) => Object.fromEntries(CONTENT_COLUMNS.map((c) => [c, eb.ref(`excluded.${c}`)])))
          .where(sql<boolean>`(${stored}) is distinct from (${incoming})`),
      )
      .execute();
    inserted += part.length - Number(existing.n);
  }
  return inserted;
}

/** The reader's cursor for an address (raw form), or null before its first read. */
export async function getChainCursor(db: StoreDb, address: string): Promise<ChainCursor | null> {
  const row = await builder(db)
    .selectFrom("chain_cursors")
    .selectAll()
    .where("address", "=", address)
    .executeTakeFirst();
  return row ? { address: row.address, lt: row.last_lt, hash: row.last_hash } : null;
}

/** Every cursor, by address. */
export async function listChainCursors(db: StoreDb): Promise<ChainCursorRow[]> {
  return builder(db).selectFrom("chain_cursors").selectAll().orderBy("address").execute();
}

/** Moves an address's cursor; write it in the same transaction as the transfers it covers. */
export async function setChainCursor(db: StoreDb, cursor: ChainCursor, at: Date = new Date()): Promise<void> {
  const row = { address: cursor.address, last_lt: cursor.lt, last_hash: cursor.hash, updated_at: at.toISOString() };
  await builder(db)
    .insertInto("chain_cursors")
    .values(row)
    .onConflict((oc) =>
      oc.column("address").doUpdateSet({ last_lt: row.last_lt, last_hash: row.last_hash, updated_at: row.updated_at }),
    )
    .execute();
}

/** Stored transfers, by address then logical time. */
export async function listTransfers(db: StoreDb, filter: ListTransfersFilter = {}): Promise<ChainTransferRow[]> {
  let q = builder(db).selectFrom("chain_transfers").selectAll();
  if (filter.addresses) {
    if (filter.addresses.length === 0) return [];
    q = q.where("address", "in", [...filter.addresses]);
  }
  if (filter.fromUtime !== undefined) q = q.where("utime", ">=", BigInt(filter.fromUtime));
  if (filter.toUtime !== undefined) q = q.where("utime", "<", BigInt(filter.toUtime));
  return q.orderBy("address").orderBy("lt").execute();
}
