/** Builders for matcher inputs: one world with a payment wallet and a top-up wallet, times in minutes. */
import { parseTon } from "@omrecon/core";
import { Address } from "@ton/core";
import type { MatchBalanceTransaction, MatchInput, MatchOrder, MatchTransfer } from "../src/index.js";

export const PAY = new Address(0, Buffer.alloc(32, 0x11));
export const PAY2 = new Address(0, Buffer.alloc(32, 0x22));
export const TOPUP = new Address(0, Buffer.alloc(32, 0x33));
export const PAYER = new Address(0, Buffer.alloc(32, 0x44));

/** 2026-04-16T12:00:00Z plus `minutes`. */
export const T0 = Date.parse("2026-04-16T12:00:00Z");
export const at = (minutes: number) => new Date(T0 + minutes * 60_000).toISOString();
export const utime = (minutes: number) => Math.floor((T0 + minutes * 60_000) / 1000);

let hashSeq = 0;
export const hash = (n?: number) => (n ?? ++hashSeq).toString(16).padStart(64, "0");

export function order(id: number, fields: Partial<MatchOrder> = {}): MatchOrder {
  return {
    id,
    status: "completed",
    payment_method: "ton_memo",
    price_nano: parseTon("0.418"),
    payment_address: PAY.toString({ bounceable: false }),
    payment_memo: `STARS-${id}`,
    tx_hash: null,
    expires_at: at(15),
    created_at: at(0),
    ...fields,
  };
}

let ltSeq = 1000n;
export function transfer(fields: Partial<MatchTransfer> & { comment: string | null }): MatchTransfer {
  ltSeq += 1n;
  return {
    hash: hash(),
    lt: ltSeq,
    utime: utime(5),
    address: PAY.toRawString(),
    source: PAYER.toRawString(),
    value_nano: parseTon("0.418"),
    external: false,
    bounced: false,
    aborted: false,
    sent_back: false,
    bounce_sent: false,
    ...fields,
  };
}

export function ledger(
  id: number,
  type: string,
  amount: string,
  after: string,
  fields: Partial<MatchBalanceTransaction> = {},
): MatchBalanceTransaction {
  return {
    id,
    type,
    amount_nano: parseTon(amount),
    balance_after_nano: parseTon(after),
    order_id: null,
    tx_hash: null,
    created_at: at(1),
    ...fields,
  };
}

/** A window of one day around T0, as-of two hours after T0, no tolerance, 30 minutes grace. */
export function input(fields: Partial<MatchInput> = {}): MatchInput {
  return {
    window: { from: at(-12 * 60), to: at(12 * 60) },
    asOf: at(120),
    orders: [],
    transfers: [],
    balanceTransactions: [],
    balance: null,
    stats: null,
    options: { toleranceNano: 0n, graceMs: 30 * 60_000 },
    ...fields,
  };
}

export const ton = parseTon;
