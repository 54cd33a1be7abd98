/**
 * The matcher's input, read from the mirror. The whole mirror is read, not only the window:
 * orders outside it still claim their transfers, and the ledger is one chain from its first row.
 *
 * Rows come through the driver's cursor in chunks and become the matcher's objects as they come:
 * for a million orders, a list of rows as the driver returns them and a second list made from it
 * cost twice the memory and most of the time. What repeats is kept once (intern.ts): statuses,
 * addresses and amounts, and an order's `tx_hash` is the very string of the transfer it names
 * (transfers are read first), which takes a fifth off the input's heap.
 */
import { sql } from "kysely";
import { latestBalanceSnapshot } from "./balance-snapshots.js";
import { Interner } from "./intern.js";
import { builder, driverOf, type StoreDb } from "./session.js";

/** An order as the matcher reads it. */
export interface MatchOrder {
  id: number;
  status: string;
  /** As the API sent it; null when it did not say (then a memo means by memo, none the balance). */
  payment_method: string | null;
  price_nano: bigint;
  /** Any form (raw `0:…`, EQ…, UQ…); compared parsed. */
  payment_address: string | null;
  payment_memo: string | null;
  tx_hash: string | null;
  expires_at: string | null;
  created_at: string;
}

/** One incoming message into a watched address, with its transaction's facts. */
export interface MatchTransfer {
  hash: string;
  lt: bigint;
  /** Unix seconds. */
  utime: number;
  /** The watched address it came into, any form. */
  address: string;
  source: string | null;
  value_nano: bigint;
  comment: string | null;
  external: boolean;
  /** The incoming message carried the `bounced` flag (it is itself a bounce). */
  bounced: boolean;
  /** The transaction aborted: for a deposit into an undeployed wallet that is normal, and the coins stay. */
  aborted: boolean;
  /** The transaction sent a message back to the sender (a bounce or a return). */
  sent_back: boolean;
  /** The transaction bounced the value back (its bounce phase sent the bounce). Absent: no. */
  bounce_sent?: boolean;
}

export interface MatchBalanceTransaction {
  id: number;
  type: string;
  /** Signed. */
  amount_nano: bigint;
  balance_after_nano: bigint;
  order_id: number | null;
  tx_hash: string | null;
  created_at: string;
}

/** The latest `/balance`, its top-up address in raw form when sync could parse it. */
export interface MatchBalance {
  balance_nano: bigint;
  topup_address: string | null;
}

/** Everything the matcher reads from the mirror. */
export interface MatchFacts {
  /** Every order, by id. */
  orders: MatchOrder[];
  /** Every stored incoming message of every watched address, by address then lt. */
  transfers: MatchTransfer[];
  /** Every balance transaction, by id. */
  balanceTransactions: MatchBalanceTransaction[];
  /** Null when sync never read the balance. */
  balance: MatchBalance | null;
}

interface TransferRow {
  hash: string;
  lt: bigint;
  utime: bigint;
  address: string;
  source: string | null;
  value_nano: bigint;
  comment: string | null;
  flags: bigint;
}

/** `(column != 0) << bit` as an integer on every dialect. */
function flag(column: string, bit: number) {
  return sql`(CAST((${sql.ref(column)} != 0) AS INTEGER) << ${sql.lit(bit)})`;
}

export async function readMatchFacts(db: StoreDb): Promise<MatchFacts> {
  const driver = driverOf(db);
  const q = builder(db);
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
  const transferRows = q
    .selectFrom("chain_transfers")
    .select(["hash", "lt", "utime", "address", "source", "value_nano", "comment"])
    // The five flags in one integer: each integer column costs a bigint per row. (A comparison is an
    // integer on SQLite and a boolean on Postgres: CAST makes it an integer on both.)
    .select(
      sql<bigint>`${flag("external", 0)} | ${flag("bounced", 1)} | ${flag("aborted", 2)} | ${flag("sent_back", 3)} | ${flag("bounce_sent", 4)}`.as(
        "flags",
      ),
    )
    .orderBy("address")
    .orderBy("lt")
    .compile();
  for await (const chunk of driver.selectChunks<TransferRow>(db, transferRows)) {
    for (const t of chunk) {
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
  }

  const orders: MatchOrder[] = [];
  // Only the columns matching uses, by id (the table's own order): this read covers every order.
  const orderRows = q
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
  type OrderRead = Awaited<ReturnType<typeof orderRows.execute>>[number];
  for await (const chunk of driver.selectChunks<OrderRead>(db, orderRows.compile())) {
    for (const o of chunk) {
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
  }

  const balanceTransactions: MatchBalanceTransaction[] = [];
  const ledgerRows = q
    .selectFrom("balance_transactions")
    .select(["id", "type", "amount_nano", "balance_after_nano", "order_id", "tx_hash", "created_at"])
    .orderBy("id");
  type LedgerRead = Awaited<ReturnType<typeof ledgerRows.execute>>[number];
  for await (const chunk of driver.selectChunks<LedgerRead>(db, ledgerRows.compile())) {
    for (const r of chunk) {
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
  }

  const snapshot = await latestBalanceSnapshot(db);
  const balance = snapshot
    ? { balance_nano: snapshot.balance_nano, topup_address: snapshot.topup_address_raw ?? snapshot.topup_address }
    : null;

  return { orders, transfers, balanceTransactions, balance };
}

/** The addresses the chain reader must watch: every payment address of an order, and the top-up address. */
export async function watchedAddresses(db: StoreDb): Promise<string[]> {
  const rows = await builder(db)
    .selectFrom("orders")
    .select("payment_address_raw")
    .distinct()
    .where("payment_address_raw", "is not", null)
    .execute();
  const out = new Set(rows.map((r) => r.payment_address_raw!));
  const snapshot = await latestBalanceSnapshot(db);
  if (snapshot?.topup_address_raw) out.add(snapshot.topup_address_raw);
  return [...out].sort();
}
