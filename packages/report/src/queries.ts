import { SEVERITY_RANK, type Severity } from "@omrecon/core";
import { type FindingRow, listOpenFindings, type Store } from "@omrecon/store";

/** The newest finished reconciliation run, or undefined when none has finished. */
export async function latestRunId(store: Store): Promise<bigint | undefined> {
  const row = await store.db
    .selectFrom("reconciliation_runs")
    .select("id")
    .where("status", "=", "done")
    .orderBy("id", "desc")
    .limit(1)
    .executeTakeFirst();
  return row?.id;
}

/**
 * The latest finished run's open findings (store's rule: not resolved at their current amounts),
 * most severe first, then by key.
 */
export async function openFindingsOfRun(store: Store, runId: bigint): Promise<FindingRow[]> {
  const rows = await listOpenFindings(store.db, runId);
  const rank = (severity: string) => SEVERITY_RANK[severity as Severity] ?? 0;
  return rows.sort((a, b) => rank(b.severity) - rank(a.severity) || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
}

/** Orders created in [from, to), oldest first, with what the latest reconciliation concluded. */
export function streamOrders(store: Store, from: string, to: string) {
  const query = store.db
    .selectFrom("orders as o")
    .leftJoin("order_matches as m", "m.order_id", "o.id")
    .select([
      "o.id",
      "o.created_at",
      "o.status",
      "o.order_type",
      "o.recipient_username",
      "o.stars_amount",
      "o.premium_months",
      "o.price_nano",
      "o.payment_method",
      "o.payment_memo",
      "o.client_reference",
      "o.tx_hash",
      "m.paid_nano",
      "m.completing_tx_hash",
      "m.reconciliation",
    ])
    .where("o.created_at", ">=", from)
    .where("o.created_at", "<", to)
    .orderBy("o.created_at")
    .orderBy("o.id");
  return iterateRows(store, query);
}

/** Balance transactions created in [from, to), by id. */
export function streamBalanceTransactions(store: Store, from: string, to: string) {
  const query = store.db
    .selectFrom("balance_transactions")
    .select(["id", "created_at", "type", "amount_nano", "balance_after_nano", "order_id", "tx_hash"])
    .where("created_at", ">=", from)
    .where("created_at", "<", to)
    .orderBy("id");
  return iterateRows(store, query);
}

/**
 * A select's rows through a SQLite cursor on the store's own connection, one at a time. Kysely's
 * `stream()` passes every row through several async generators, which cost more than reading the
 * row; this is the same statement (compiled by kysely, read with safe integers as every query of
 * the store) iterated synchronously. Like a stream, it holds the connection until it ends.
 */
function iterateRows<O>(
  store: Store,
  query: { compile(): { sql: string; parameters: readonly unknown[] }; execute(): Promise<O[]> },
): IterableIterator<O> {
  const { sql, parameters } = query.compile();
  return store.sqlite.prepare(sql).iterate(...parameters) as IterableIterator<O>;
}

/** The last balance transaction created before `time` (the predecessor of the window's first row). */
export async function balanceTransactionBefore(store: Store, time: string) {
  const first = await store.db
    .selectFrom("balance_transactions")
    .select("id")
    .where("created_at", ">=", time)
    .orderBy("id")
    .limit(1)
    .executeTakeFirst();
  if (!first) return undefined;
  return store.db
    .selectFrom("balance_transactions")
    .select(["id", "balance_after_nano"])
    .where("id", "<", first.id)
    .orderBy("id", "desc")
    .limit(1)
    .executeTakeFirst();
}

/** The partner's top-up address (raw form) from the newest balance snapshot. */
export async function topupAddressRaw(store: Store): Promise<string | null> {
  const row = await store.db
    .selectFrom("balance_snapshots")
    .select("topup_address_raw")
    .orderBy("id", "desc")
    .limit(1)
    .executeTakeFirst();
  return row?.topup_address_raw ?? null;
}

/**
 * Hashes of valid transfers into the address (reconciliation.md's valid transfer), or null when
 * the chain has never been read for that address, so nothing can be said. Top-ups are few, so a
 * set in memory is fine, and no query runs while a stream holds the connection.
 */
export async function validTransferHashes(store: Store, addressRaw: string | null): Promise<Set<string> | null> {
  if (addressRaw === null) return null;
  const cursor = await store.db
    .selectFrom("chain_cursors")
    .select("address")
    .where("address", "=", addressRaw)
    .executeTakeFirst();
  if (!cursor) return null;
  const rows = await store.db
    .selectFrom("chain_transfers")
    .select("hash")
    .where("address", "=", addressRaw)
    .where("external", "=", 0n)
    .where("bounced", "=", 0n)
    .where("aborted", "=", 0n)
    .where("sent_back", "=", 0n)
    .where("value_nano", ">", 0n)
    .execute();
  return new Set(rows.map((r) => r.hash));
}
