/**
 * Transaction hashes are written everywhere as 64 lowercase hex characters. toncenter and the
 * partner API may send base64 (standard or URL-safe); this converts at the edge.
 */

const HEX64 = /^[0-9a-fA-F]{64}$/;
const B64 = /^[A-Za-z0-9+/_-]{43}=?$/;

/** True when `value` is already in the canonical form (64 lowercase hex characters). */
export function isTxHashHex(value: string): boolean {
  return HEX64.test(value) && value === value.toLowerCase();
}

/**
 * Converts a 32-byte hash given as hex (any case) or base64/base64url to lowercase hex.
 * Throws a RangeError naming the value when it is neither.
 */
export function txHashToHex(value: string): string {
  const v = value.trim();
  if (HEX64.test(v)) return v.toLowerCase();
  if (B64.test(v)) {
    const bytes = Buffer.from(v.replace(/-/g, "+").replace(/_/g, "/"), "base64");
    if (bytes.length === 32) return bytes.toString("hex");
  }
  throw new RangeError(`not a 32-byte transaction hash (hex or base64): ${JSON.stringify(value.slice(0, 80))}`);
}

/** Like `txHashToHex` but returns null for null, undefined or an empty string. */
export function txHashToHexOrNull(value: string | null | undefined): string | null {
  if (value === null || value === undefined || value.trim() === "") return null;
  return txHashToHex(value);
}

/** Lowercase hex → standard base64 (toncenter's form). */
export function txHashHexToBase64(hex: string): string {
  if (!HEX64.test(hex)) throw new RangeError(`not a 64-character hex hash: ${JSON.stringify(hex.slice(0, 80))}`);
  return Buffer.from(hex, "hex").toString("base64");
}
