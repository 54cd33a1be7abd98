/**
 * Addresses arrive as raw `0:<hex>`, bounceable `EQ…` or non-bounceable `UQ…` (and url-safe or
 * not); they are equal when they name the same account, so they are compared in raw form.
 */
import { Address } from "@ton/core";

const cache = new Map<string, string>();

/**
 * The raw form (`0:<64 lowercase hex>`) of an address in any form. A string that does not parse
 * (a bad checksum, say) is kept trimmed, so it still equals itself and nothing else.
 */
export function rawAddress(address: string): string {
  const known = cache.get(address);
  if (known !== undefined) return known;
  let raw: string;
  try {
    raw = Address.parse(address.trim()).toRawString();
  } catch {
    raw = address.trim();
  }
  if (cache.size > 100_000) cache.clear();
  cache.set(address, raw);
  return raw;
}

/** Like `rawAddress`, keeping null and empty as null. */
export function rawAddressOrNull(address: string | null | undefined): string | null {
  if (address == null || address.trim() === "") return null;
  return rawAddress(address);
}
