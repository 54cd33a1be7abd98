/**
 * Reads the mirror into the matcher's plain input. The whole mirror is read, not only the window:
 * orders outside it still claim their transfers, and the ledger is one chain from its first row.
 *
 * Rows come through a SQLite cursor on the store's own connection, one at a time, and become the
 * matcher's objects as they come: for a million orders, a list of rows as the driver returns them
 * and a second list made from it cost twice the memory and most of the time. *
 * What repeats is kept once: statuses, addresses and amounts, and an order's `tx_hash` is the very
 * string of the transfer it names (transfers are read first), which takes a fifth off the input's
 * heap.
 */
import { latestBalanceSnapshot, type Store, sql } from "@omrecon/store";
import type { MatchBalanceTransaction, MatchInput, MatchOrder, MatchTransfer } from "../matcher/types.js";
import { Interner } from "./intern.js";

export type StoredFacts = Pick<MatchInput, "orders" | "transfers" | "balanceTransactions" | "balance">;

export async function loadStoredFacts(store: Store): Promise<StoredFacts> {
  const { db } = store;
  // Columns whose few values repeat on every row.
  const statuses = new Interner();
  const methods = new Interner();
  const addresses = new Interner();
  const senders = new Interner();
  const types = new Interner();
  // Amounts repeat (a few thousand prices across a million orders), and so their bigints can be shared.
  const amounts = new Interner<bigint>();
  // Each transfer's hash, so that an order naming it (most paid orders do) shares that string.
  const hashes = new Map<string, string>();

  const transfers: MatchTransfer[] = [];
  const transferRows = db
    .selectFrom("chain_transfers")
    .select(["hash", "lt", "utime", "address", "source", "value_nano", "comment"])
    // The four flags in one integer: each integer column costs a bigint per row.
    .select(
      sql<bigint>`(external != 0) | ((bounced != 0) << 1) | ((aborted != 0) << 2) | ((sent_back != 0) << 3) | ((bounce_sent != 0) << 4)`.as(
        "flags",
      ),
    )
    .orderBy("address")
    .orderBy("lt");
  for (const t of cursor(store, transferRows)) {
    const flags = Number(t.flags);
    hashes.set(t.hash, t.hash);
    transfers.push({
      hash: t.hash,
      lt: t.lt,
      utime: Number(t.utime),
      address: addresses.intern(t.address),
      source: senders.intern(t.source),
      value_nano: amounts.intern(t.value_nano),
      comment: t.comment,
      external: (flags & 1) !== 0,
      bounced: (flags & 2) !== 0,
      aborted: (flags & 4) !== 0,
      sent_back: (flags & 8) !== 0,
      bounce_sent: (flags & 16) !== 0,
    });
  }

  const orders: MatchOrder[] = [];
  // Only the columns matching uses, by id (the table's own order): this read covers every order.
  const orderRows = db
    .selectFrom("orders")
    .select([
      "id",
      "status",
      "payment_method",
      "price_nano",
      // Sync stores the raw form when the address parses; the matcher parses whatever it gets.
      sql<string | null>`coalesce(payment_address_raw, payment_address)`.as("payment_address"),
      "payment_memo",
      "tx_hash",
      "expires_at",
      "created_at",
    ])
    .orderBy("id");
  for (const o of cursor(store, orderRows)) {
    orders.push({
      id: Number(o.id),
      status: statuses.intern(o.status),
      payment_method: methods.intern(o.payment_method),
      price_nano: amounts.intern(o.price_nano),
      payment_address: addresses.intern(o.payment_address),
      payment_memo: o.payment_memo,
      tx_hash: o.tx_hash === null ? null : (hashes.get(o.tx_hash) ?? o.tx_hash),
      expires_at: o.expires_at,
      created_at: o.created_at,
    });
  }

  const balanceTransactions: MatchBalanceTransaction[] = [];
  const ledgerRows = db
    .selectFrom("balance_transactions")
    .select(["id", "type", "amount_nano", "balance_after_nano", "order_id", "tx_hash", "created_at"])
    .orderBy("id");
  for (const r of cursor(store, ledgerRows)) {
    balanceTransactions.push({
      id: Number(r.id),
      type: types.intern(r.type),
      amount_nano: r.amount_nano,
      balance_after_nano: r.balance_after_nano,
      order_id: r.order_id === null ? null : Number(r.order_id),
      tx_hash: r.tx_hash,
      created_at: r.created_at,
    });
  }

  const snapshot = await latestBalanceSnapshot(db);
  const balance = snapshot
    ? { balance_nano: snapshot.balance_nano, topup_address: snapshot.topup_address_raw ?? snapshot.topup_address }
    : null;

  return { orders, transfers, balanceTransactions, balance };
}

/**
 * A select's rows through a synchronous cursor on the store's connection (read with safe integers,
 * as every query of the store): the same statement kysely would run, without it buffering them all.
 */
function cursor<O>(
  store: Store,
  query: { compile(): { sql: string; parameters: readonly unknown[] }; execute(): Promise<O[]> },
): IterableIterator<O> {
  const { sql: text, parameters } = query.compile();
  return store.sqlite.prepare(text).iterate(...parameters) as IterableIterator<O>;
}

/** The addresses the chain reader must watch: every payment address of an order, and the top-up address. */
export async function watchedAddresses(store: Store): Promise<string[]> {
  const rows = await store.db
    .selectFrom("orders")
    .select("payment_address_raw")
    .distinct()
    .where("payment_address_raw", "is not", null)
    .execute();
  const out = new Set(rows.map((r) => r.payment_address_raw!));
  const snapshot = await latestBalanceSnapshot(store.db);
  if (snapshot?.topup_address_raw) out.add(snapshot.topup_address_raw);
  return [...out].sort();
}
