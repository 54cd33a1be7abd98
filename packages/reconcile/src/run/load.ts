/**
 * Reads the mirror into the matcher's plain input. The whole mirror is read, not only the window:
 * orders outside it still claim their transfers, and the ledger is one chain from its first row.
 */
import { latestBalanceSnapshot, listBalanceTransactions, listTransfers, type Store } from "@omrecon/store";
import type { MatchBalanceTransaction, MatchInput, MatchOrder, MatchTransfer } from "../matcher/types.js";

export type StoredFacts = Pick<MatchInput, "orders" | "transfers" | "balanceTransactions" | "balance">;

export async function loadStoredFacts(store: Store): Promise<StoredFacts> {
  const { db } = store;
  // Only the columns matching uses: this read covers every order of the mirror.
  const orderRows = await db
    .selectFrom("orders")
    .select([
      "id",
      "status",
      "payment_method",
      "price_nano",
      "payment_address",
      "payment_address_raw",
      "payment_memo",
      "tx_hash",
      "expires_at",
      "created_at",
    ])
    .execute();
  const orders: MatchOrder[] = orderRows.map((o) => ({
    id: Number(o.id),
    status: o.status,
    payment_method: o.payment_method,
    price_nano: o.price_nano,
    // Sync stores the raw form when the address parses; the matcher parses whatever it gets.
    payment_address: o.payment_address_raw ?? o.payment_address,
    payment_memo: o.payment_memo,
    tx_hash: o.tx_hash,
    expires_at: o.expires_at,
    created_at: o.created_at,
  }));

  const transfers: MatchTransfer[] = (await listTransfers(db)).map((t) => ({
    hash: t.hash,
    lt: t.lt,
    utime: Number(t.utime),
    address: t.address,
    source: t.source,
    value_nano: t.value_nano,
    comment: t.comment,
    external: t.external !== 0n,
    bounced: t.bounced !== 0n,
    aborted: t.aborted !== 0n,
    sent_back: t.sent_back !== 0n,
  }));

  const balanceTransactions: MatchBalanceTransaction[] = (await listBalanceTransactions(db)).map((r) => ({
    id: Number(r.id),
    type: r.type,
    amount_nano: r.amount_nano,
    balance_after_nano: r.balance_after_nano,
    order_id: r.order_id === null ? null : Number(r.order_id),
    tx_hash: r.tx_hash,
    created_at: r.created_at,
  }));

  const snapshot = await latestBalanceSnapshot(db);
  const balance = snapshot
    ? { balance_nano: snapshot.balance_nano, topup_address: snapshot.topup_address_raw ?? snapshot.topup_address }
    : null;

  return { orders, transfers, balanceTransactions, balance };
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
