/**
 * The simulated chain's contract between the world generator (which decides what happens) and the
 * TON side of the sandbox (which turns it into real transactions and serves toncenter v2 JSON-RPC).
 */
import type { Address } from "@ton/core";

/**
 * The body of the incoming message. `binary` and `encrypted` carry only the payload: the chain adds
 * the `0xff` prefix byte or the `0x2167da4b` op itself; long payloads continue in referenced cells.
 */
export type TransferBody =
  | { kind: "text"; text: string } // op 0 + UTF-8, snake cells when long
  | { kind: "binary"; bytes: Uint8Array } // text-comment-like but first byte 0xff
  | { kind: "encrypted"; bytes: Uint8Array } // op 0x2167da4b
  | { kind: "op"; op: number; bytes?: Uint8Array } // any other op
  | { kind: "none" }; // empty body

/** What happens on chain: one transaction of `to`, triggered by one incoming message. */
export interface TransferSpec {
  /** The account whose transaction this is (a payment or top-up address). */
  to: Address;
  /** Sender; null makes the incoming message external-in (never a transfer). */
  from: Address | null;
  /** Nanotons carried by the incoming internal message (0 for external). */
  value: bigint;
  body: TransferBody;
  /** Unix seconds; must not go back in time for the same account. */
  utime: number;
  /** The incoming message carries the `bounced` flag. */
  bounced?: boolean;
  /** The transaction's compute phase aborted. */
  aborted?: boolean;
  /**
   * The transaction sent the value back to the sender (an out message to `from`): a return, not a
   * deposit. With `aborted` it is a bounce: the chain's bounce phase sent it.
   */
  sendBack?: boolean;
  /**
   * The incoming message's `bounce` flag. Default: set exactly when the transaction bounces
   * (`aborted && sendBack`). Bounceable, aborted and not sent back: the bounce phase could not pay
   * for the bounce (`no_funds`), so the coins stay.
   */
  bounce?: boolean;
  /**
   * The receiving account is not deployed: no code runs (compute skipped, no state), the
   * transaction aborts, and unless it bounces the coins stay on the account. Implies `aborted`.
   */
  undeployed?: boolean;
}

/** A transaction the chain recorded. */
export interface ChainTransaction {
  spec: TransferSpec;
  /** Logical time of the transaction (unique and increasing per account). */
  lt: bigint;
  /** Hash of the transaction cell, 64 lowercase hex. */
  hashHex: string;
  /** The previous transaction of the same account, or 0/zero-hash for the first. */
  prevLt: bigint;
  prevHashHex: string;
}

/** The simulated chain. */
export interface TonChain {
  /** Records a transaction (builds the real cell, computes its hash, links it to the account's previous one). */
  add(spec: TransferSpec): ChainTransaction;
  /** Every transaction of an account, oldest first. */
  transactionsOf(address: Address): readonly ChainTransaction[];
  /** Every account with at least one transaction. */
  accounts(): Address[];
  /** Total number of transactions. */
  readonly size: number;
  /** Number of transactions of one account (0 for an account the chain has never seen). */
  countOf(address: Address): number;
  /**
   * One page of an account's history, newest first, without materializing the rest: starts at the
   * transaction with logical time `fromLt` (inclusive; the newest when absent), stops before any
   * transaction with lt <= `toLt`, returns at most `limit` transactions.
   */
  history(address: Address, options: HistoryOptions): ChainTransaction[];
}

export interface HistoryOptions {
  fromLt?: bigint;
  toLt?: bigint;
  limit: number;
}
