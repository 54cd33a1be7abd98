import { Address } from "@ton/core";

/** A partner's orders name a handful of addresses; parsing one (checksum, base64) costs microseconds. */
const rawForms = new Map<string, string | null>();
const MAX_REMEMBERED = 4096;

/**
 * The raw form (`0:<64 hex>`) of an address given in any form (UQ…/EQ…/raw), so that equal
 * addresses are equal strings in SQL; null when absent or not an address (kept as given beside it).
 */
export function rawAddressOrNull(address: string | null | undefined): string | null {
  if (address === null || address === undefined) return null;
  let raw = rawForms.get(address);
  if (raw === undefined) {
    raw = parseRaw(address);
    if (rawForms.size >= MAX_REMEMBERED) rawForms.clear();
    rawForms.set(address, raw);
  }
  return raw;
}

function parseRaw(address: string): string | null {
  if (address.trim() === "") return null;
  try {
    return Address.parse(address.trim()).toRawString();
  } catch {
    return null;
  }
}
