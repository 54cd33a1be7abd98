/**
 * TON addresses arrive as raw `0:<hex>`, bounceable `EQ…` or non-bounceable `UQ…` (url-safe or not,
 * test-only flag or not); two forms are equal when they name the same account, so omrecon stores and
 * compares the raw form. This is the one place that turns a form into the raw one.
 */
import { Address } from "@ton/core";

/** A partner names a handful of addresses and the chain reader one per account: a small memo is enough. */
const MAX_REMEMBERED = 4096;
const remembered = new Map<string, string | null>();
// The last address asked for: transfers come grouped by address, so most calls repeat it.
let lastInput: string | undefined;
let lastRaw: string | null = null;

/**
 * The raw form (`<workchain>:<64 lowercase hex>`) of an address given in any form, surrounding
 * whitespace ignored; null when the input is absent, blank, or not an address (a bad checksum, a
 * wrong length, a typo). Null, never the input itself: a string that is not an address must not
 * pass for a raw form in a `_raw` column or in a comparison. A caller that needs to tell "absent"
 * from "not an address" looks at the input (docs/partner-api.md#ton-side-facts).
 */
export function rawAddressOrNull(address: string | null | undefined): string | null {
  if (address === null || address === undefined) return null;
  if (address === lastInput) return lastRaw;
  let raw = remembered.get(address);
  if (raw === undefined) {
    raw = parseRaw(address);
    if (remembered.size >= MAX_REMEMBERED) remembered.clear();
    remembered.set(address, raw);
  }
  lastInput = address;
  lastRaw = raw;
  return raw;
}

function parseRaw(address: string): string | null {
  const text = address.trim();
  if (text === "") return null;
  try {
    return Address.parse(text).toRawString();
  } catch {
    return null;
  }
}
