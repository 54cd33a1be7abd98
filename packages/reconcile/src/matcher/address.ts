/**
 * Addresses arrive as raw `0:<hex>`, bounceable `EQ…` or non-bounceable `UQ…` (and url-safe or
 * not); they are equal when they name the same account, so they are compared in raw form.
 */
import { Address } from "@ton/core";

const cache = new Map<string, string>();
// The last address asked for: transfers come grouped by address, so most calls repeat it.
let lastAddress = "";
let lastRaw = "";

/**
 * The raw form (`0:<64 lowercase hex>`) of an address in any form. A string that does not parse
 * (a bad checksum, say) is kept trimmed, so it still equals itself and nothing else.
 */
export function rawAddress(address: string): string {
  if (address !== lastAddress) {
    lastRaw = cache.get(address) ?? parse(address);
    lastAddress = address;
  }
  return lastRaw;
}

/** Like `rawAddress`, keeping null and empty as null. */
export function rawAddressOrNull(address: string | null | undefined): string | null {
  if (address == null || address.trim() === "") return null;
  return rawAddress(address);
}

function parse(address: string): string {
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
