/**
 * Turns the ledger drafts into the rows the API serves: time order decides ids, `balance_after` is
 * the running balance plus any planted jumps, and hashes are served in a mix of encodings.
 */
import { txHashHexToBase64 } from "@omrecon/core";
import type { SandboxBalanceTx } from "../model.js";
import type { HashForm, WorldBuilder } from "./builder.js";

export const FIRST_BALANCE_TX_ID = 1;

/** A hash (hex) as the API serves it. */
export function serveHash(hex: string, form: HashForm): string {
  if (form === 0) return hex;
  const b64 = txHashHexToBase64(hex);
  return form === 1 ? b64 : b64.replace(/\+/g, "-").replace(/\//g, "_");
}

export interface FinalLedger {
  rows: SandboxBalanceTx[];
  /** What `/balance` serves. */
  balance: bigint;
  balanceUpdatedAt: number;
}

export function finalizeLedger(builder: WorldBuilder, hashes: readonly string[]): FinalLedger {
  const drafts = builder.ledger.slice().sort((a, b) => a.at - b.at || a.seq - b.seq);
  const rows: SandboxBalanceTx[] = [];
  let running = 0n;
  let jump = 0n;
  let prev: bigint | null = null;
  for (const [k, d] of drafts.entries()) {
    running += d.amount;
    jump += d.breakDelta;
    d.id = FIRST_BALANCE_TX_ID + k;
    d.after = running + jump;
    d.prevAfter = prev;
    prev = d.after;
    const hex = d.event >= 0 ? hashes[d.event]! : d.foreignHash;
    rows.push({
      id: d.id,
      type: d.type,
      amount_nano: d.amount,
      balance_after_nano: d.after,
      order_id: d.orderId,
      tx_hash: hex === null ? null : serveHash(hex, builder.randomHashForm()),
      description: d.description,
      created_at: d.at,
    });
  }
  const last = rows[rows.length - 1];
  return {
    rows,
    balance: (last?.balance_after_nano ?? 0n) + builder.balanceOffset,
    balanceUpdatedAt: last?.created_at ?? builder.timeline.start,
  };
}
