import { Address } from "@ton/core";

/**
 * The raw form (`0:<64 hex>`) of an address given in any form (UQ…/EQ…/raw), so that equal
 * addresses are equal strings in SQL; null when absent or not an address (kept as given beside it).
 */
export function rawAddressOrNull(address: string | null | undefined): string | null {
  if (address === null || address === undefined || address.trim() === "") return null;
  try {
    return Address.parse(address.trim()).toRawString();
  } catch {
    return null;
  }
}
