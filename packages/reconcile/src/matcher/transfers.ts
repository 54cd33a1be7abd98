/**
 * Which incoming messages are deposits (docs/reconciliation.md#matching): what counts is whether
 * the coins stayed. An internal message that carried value, is not itself a bounce, and whose
 * transaction sent nothing back to the sender. Whether the transaction aborted does not matter: a
 * non-bounceable transfer into a wallet that is not deployed yet aborts and keeps its coins, and so
 * does a bounceable one whose bounce phase could not pay for the bounce.
 */
import { rawAddressOrNull, txHashToHex } from "@omrecon/core";
import type { MatchTransfer } from "./types.js";

export function isValidTransfer(t: MatchTransfer): boolean {
  return !t.external && t.value_nano > 0n && !t.bounced && !t.sent_back && !t.bounce_sent;
}

/**
 * A `bounced_transfer`: a message with the `bounced` flag, or a value transfer that the chain
 * bounced back to its sender. A plain return (the contract sending the value back on its own) is
 * neither a deposit nor a bounce finding; an aborted transaction that kept the coins is a deposit.
 */
export function isBouncedTransfer(t: MatchTransfer): boolean {
  if (t.external) return false;
  return t.bounced || (t.bounce_sent === true && t.value_nano > 0n);
}

/** Hex for any 32-byte hash form; a hash that is neither hex nor base64 is kept, lowercased. */
export function canonicalHash(hash: string): string {
  // The store already holds canonical hex: the common case costs one scan and no copy.
  if (isCanonicalHex(hash)) return hash;
  try {
    return txHashToHex(hash);
  } catch {
    return hash.trim().toLowerCase();
  }
}

/** 1 for the code units of `0-9a-f`. */
const LOWER_HEX = new Uint8Array(128);
for (const c of "0123456789abcdef") LOWER_HEX[c.charCodeAt(0)] = 1;

/**
 * 64 lowercase hex characters. A table lookup per character: this runs for every transfer and
 * costs under half of the equivalent regular expression.
 */
export function isCanonicalHex(hash: string): boolean {
  if (hash.length !== 64) return false;
  for (let i = 0; i < 64; i++) {
    const c = hash.charCodeAt(i);
    if (c >= 128 || LOWER_HEX[c] === 0) return false;
  }
  return true;
}

export function canonicalHashOrNull(hash: string | null | undefined): string | null {
  if (hash == null || hash.trim() === "") return null;
  return canonicalHash(hash);
}

/** The transfer with its address in raw form and its hash in canonical hex (the sender is not compared). */
export function normalizeTransfer(t: MatchTransfer): MatchTransfer {
  const hash = canonicalHash(t.hash);
  // Our chain reader stores raw forms; anything else that is no address stays as it came.
  const address = rawAddressOrNull(t.address) ?? t.address;
  if (hash === t.hash && address === t.address) return t;
  return { ...t, hash, address };
}

/** Time order on one account: by `lt`, then hash so that the order is total and repeatable. */
export function byLt(a: MatchTransfer, b: MatchTransfer): number {
  if (a.lt !== b.lt) return a.lt < b.lt ? -1 : 1;
  return a.hash < b.hash ? -1 : a.hash > b.hash ? 1 : 0;
}
