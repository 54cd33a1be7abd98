/**
 * An independent, deliberately plain reading of `docs/reconciliation.md` over a generated world, used
 * only to check the generator's ground truth: it sees what a reconciler would see (orders and
 * ledger as served, transactions from the chain) and none of the generator's bookkeeping.
 * Whole window, as-of = now, grace 30 minutes, tolerance 0.
 */
import {
  FINDING_SEVERITY,
  type FindingKind,
  findingKey,
  memoKey,
  txHashToHex,
  txHashToHexOrNull,
  utcDate,
} from "@omrecon/core";
import { Address } from "@ton/core";
import type { World } from "../src/world/generate.js";
import type { ExpectedFinding } from "../src/world/truth.js";

type Found = Omit<ExpectedFinding, "planted">;

interface Transfer {
  hash: string;
  lt: bigint;
  utime: number;
  value: bigint;
  comment: string | null;
}

const PAID = new Set(["paid", "processing", "completed"]);
const UNRECOGNIZED = new Set(["pending_payment", "expired", "cancelled", "failed"]);

export function oracleFindings(world: World): Found[] {
  const out: Found[] = [];
  const add = (kind: FindingKind, key: string, f: Partial<Found> = {}) =>
    out.push({
      key,
      kind,
      severity: FINDING_SEVERITY[kind],
      order_id: null,
      payment_memo: null,
      tx_hash: null,
      expected_nano: null,
      received_nano: null,
      ...f,
    });
  const asOfSec = world.now / 1000;
  const graceSec = 30 * 60;

  // Watched accounts: every payment address named by an order, and the top-up address.
  const paymentAccounts = new Map<string, Address>();
  for (const o of world.orders) {
    if (o.payment_address === null) continue;
    const a = Address.parse(o.payment_address);
    paymentAccounts.set(a.toRawString(), a);
  }
  const topup = Address.parse(world.partner.topupAddress);

  const readValid = (account: Address): Transfer[] => {
    const valid: Transfer[] = [];
    for (const tx of world.chain.transactionsOf(account)) {
      const s = tx.spec;
      if (s.from === null) continue;
      // docs/reconciliation.md: the coins stayed unless the message is itself a bounce or its transaction
      // sent it back; an aborted transaction that sent nothing back (undeployed wallet) kept them.
      const bouncedBack = Boolean((s.aborted || s.undeployed) && s.sendBack);
      if (s.bounced || (bouncedBack && s.value > 0n))
        add("bounced_transfer", findingKey.transfer("bounced_transfer", tx.hashHex), { tx_hash: tx.hashHex });
      if (s.value <= 0n || s.bounced || s.sendBack) continue;
      valid.push({
        hash: tx.hashHex,
        lt: tx.lt,
        utime: s.utime,
        value: s.value,
        comment: s.body.kind === "text" ? s.body.text : null,
      });
    }
    return valid;
  };

  const byMemo = new Map<string, Transfer[]>();
  const payments: Transfer[] = [];
  for (const account of paymentAccounts.values()) {
    for (const t of readValid(account)) {
      payments.push(t);
      if (t.comment === null || t.comment.trim() === "") continue;
      const key = memoKey(t.comment);
      const list = byMemo.get(key) ?? [];
      list.push(t);
      byMemo.set(key, list);
    }
  }
  const memos = new Set<string>();
  for (const o of world.orders) {
    if (o.payment_method !== "ton_memo" || o.payment_memo === null) continue;
    memos.add(memoKey(o.payment_memo));
    const ts = (byMemo.get(memoKey(o.payment_memo)) ?? []).slice().sort((a, b) => (a.lt < b.lt ? -1 : 1));
    const order = { order_id: o.id, payment_memo: o.payment_memo };
    const price = o.price_nano;
    if (ts.length === 0) {
      if (PAID.has(o.status)) add("missing_payment", findingKey.order("missing_payment", o.id), order);
    } else {
      let sum = 0n;
      let cover = -1;
      for (let i = 0; i < ts.length; i++) {
        sum += ts[i]!.value;
        if (sum >= price) {
          cover = i;
          break;
        }
      }
      if (cover < 0) {
        add("underpaid", findingKey.order("underpaid", o.id), {
          ...order,
          tx_hash: ts[ts.length - 1]!.hash,
          expected_nano: price,
          received_nano: sum,
        });
      } else {
        const last = ts[cover]!;
        const amounts = { tx_hash: last.hash, expected_nano: price, received_nano: sum };
        if (sum > price) add("overpaid", findingKey.order("overpaid", o.id), { ...order, ...amounts });
        const onTime = last.utime <= o.expires_at / 1000;
        if (!onTime) add("late_payment", findingKey.order("late_payment", o.id), { ...order, ...amounts });
        if (onTime && UNRECOGNIZED.has(o.status) && asOfSec - last.utime > graceSec) {
          add("unrecognized_payment", findingKey.order("unrecognized_payment", o.id), { ...order, tx_hash: last.hash });
        }
        for (const dup of ts.slice(cover + 1)) {
          add("duplicate_payment", findingKey.transfer("duplicate_payment", dup.hash), {
            ...order,
            tx_hash: dup.hash,
            expected_nano: price,
            received_nano: dup.value,
          });
        }
      }
    }
    const named = txHashToHexOrNull(o.tx_hash);
    if (named !== null && !ts.some((t) => t.hash === named)) {
      add("tx_hash_mismatch", findingKey.order("tx_hash_mismatch", o.id), { ...order, tx_hash: named });
    }
  }
  for (const t of payments) {
    if (t.comment === null || t.comment.trim() === "" || !memos.has(memoKey(t.comment))) {
      add("orphan_transfer", findingKey.transfer("orphan_transfer", t.hash), { tx_hash: t.hash });
    }
  }

  // Top-ups against the ledger.
  const topups = new Map(readValid(topup).map((t) => [t.hash, t]));
  const credited = new Set<string>();
  for (const row of world.balanceTxs) {
    if (row.type !== "topup" || row.tx_hash === null) continue;
    const hex = txHashToHex(row.tx_hash);
    credited.add(hex);
    const t = topups.get(hex);
    if (!t || t.value !== row.amount_nano) {
      add("credit_without_topup", findingKey.balanceTx("credit_without_topup", row.id), {
        tx_hash: hex,
        expected_nano: t?.value ?? 0n,
        received_nano: row.amount_nano,
      });
    }
  }
  for (const t of topups.values()) {
    if (!credited.has(t.hash))
      add("topup_without_credit", findingKey.transfer("topup_without_credit", t.hash), { tx_hash: t.hash });
  }

  // The ledger chain, the balance, and debits.
  const rows = world.balanceTxs;
  for (let i = 1; i < rows.length; i++) {
    const expected = rows[i - 1]!.balance_after_nano + rows[i]!.amount_nano;
    if (rows[i]!.balance_after_nano !== expected) {
      add("balance_chain_break", findingKey.balanceTx("balance_chain_break", rows[i]!.id), {
        expected_nano: expected,
        received_nano: rows[i]!.balance_after_nano,
      });
    }
  }
  const last = rows[rows.length - 1];
  if (last && last.balance_after_nano !== world.balance) {
    add("balance_mismatch", findingKey.balanceMismatch(last.id), {
      expected_nano: last.balance_after_nano,
      received_nano: world.balance,
    });
  }
  const ids = new Set(world.orders.map((o) => o.id));
  const debits = new Map<number, bigint>();
  for (const row of rows) {
    if (row.type !== "order_debit") continue;
    if (row.order_id === null || !ids.has(row.order_id)) {
      add("balance_debit_mismatch", findingKey.debitWithoutOrder(row.id), {
        expected_nano: 0n,
        received_nano: -row.amount_nano,
      });
    } else debits.set(row.order_id, (debits.get(row.order_id) ?? 0n) - row.amount_nano);
  }
  for (const o of world.orders) {
    if (o.payment_method !== "balance") continue;
    const debited = debits.get(o.id) ?? 0n;
    if (debited !== o.price_nano) {
      add("balance_debit_mismatch", findingKey.order("balance_debit_mismatch", o.id), {
        order_id: o.id,
        expected_nano: o.price_nano,
        received_nano: debited,
      });
    }
  }
  if (world.statsOffset !== null) {
    add("control_total_mismatch", findingKey.controlTotal(utcDate(world.start), utcDate(world.now)));
  }
  return out.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
}
