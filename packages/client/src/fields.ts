/**
 * The kinds of value a field of the API can hold, each with its check and its edge conversion:
 * what `schemas.ts` declares fields with. Only JSON values reach these (the body went through
 * JSON.parse, amounts as their exact text: json.ts), so nothing here cares about undefined inside
 * arrays, symbols or prototypes.
 */
import { instantProblem, parseInstant, parseTon, txHashToHex } from "@omrecon/core";

export type FieldKind =
  | "integer"
  | "count"
  | "string"
  | "amount"
  | "instant"
  | "hash"
  | "boolean"
  | "number"
  | "integers"
  | "counts";

/** How `check` and the docs say what a kind must be; also its JSON Schema / OpenAPI type. */
export const KIND_INFO: Readonly<Record<FieldKind, { expected: string; json: string }>> = {
  integer: { expected: "an integer", json: "integer" },
  count: { expected: "a whole number ≥ 0", json: "integer" },
  string: { expected: "a string", json: "string" },
  amount: { expected: "a TON amount (a JSON number like 0.418)", json: "number" },
  instant: { expected: "an ISO 8601 date-time with Z or an offset", json: "string" },
  hash: { expected: "a 32-byte hash in hex or base64", json: "string" },
  boolean: { expected: "true or false", json: "boolean" },
  number: { expected: "a number", json: "number" },
  integers: { expected: "an array of integers", json: "array" },
  counts: { expected: "an object of whole numbers", json: "object" },
};

/** The largest amount a signed 64-bit SQLite INTEGER holds, in nanotons (~9.2 billion TON). */
export const MAX_NANO = 2n ** 63n - 1n;

const isCount = (v: unknown): boolean => typeof v === "number" && Number.isSafeInteger(v) && v >= 0;

/** Whether a present, non-null value has the kind's JSON type (values are checked by `convert`). */
export function hasKindType(kind: FieldKind, v: unknown): boolean {
  switch (kind) {
    case "integer":
      return typeof v === "number" && Number.isSafeInteger(v);
    case "count":
      return isCount(v);
    case "string":
    case "instant":
    case "hash":
      return typeof v === "string";
    case "amount":
      // Numbers arrive as their exact text (json.ts); a number is one that reached us another way.
      return typeof v === "string" || (typeof v === "number" && Number.isFinite(v));
    case "boolean":
      return typeof v === "boolean";
    case "number":
      return typeof v === "number" && Number.isFinite(v);
    case "integers":
      return Array.isArray(v) && v.every((x) => typeof x === "number" && Number.isSafeInteger(x));
    case "counts":
      return typeof v === "object" && v !== null && !Array.isArray(v) && Object.values(v).every(isCount);
  }
}

/** What an amount field became: the API's number and its exact nanotons. */
export interface AmountValue {
  number: number;
  nano: bigint;
}

/**
 * The value a field of this kind stores, or a string saying why the value cannot be (a phrase
 * after "price_ton is …"). Only called with a value of the kind's JSON type.
 */
export function convertValue(kind: FieldKind, v: unknown): unknown | ConversionProblem {
  switch (kind) {
    case "amount": {
      let nano: bigint;
      try {
        nano = parseTon(v as string | number);
      } catch {
        return new ConversionProblem(`${shown(v)}, not a TON amount`);
      }
      if (nano > MAX_NANO || nano < -MAX_NANO) {
        return new ConversionProblem(`${shown(v)}, more TON than omrecon can hold (±9,223,372,036 TON)`);
      }
      return { number: typeof v === "number" ? v : Number(v), nano } satisfies AmountValue;
    }
    case "hash": {
      if ((v as string).trim() === "") return null;
      try {
        return txHashToHex(v as string);
      } catch {
        return new ConversionProblem(`${shown(v)}, not a 32-byte hash in hex or base64`);
      }
    }
    case "instant": {
      if (!Number.isNaN(parseInstant(v as string))) return v;
      return new ConversionProblem(`${shown(v)}: ${instantProblem(v as string)}`);
    }
    default:
      return v;
  }
}

/** Why a value of the right JSON type still cannot be read. */
export class ConversionProblem {
  constructor(readonly detail: string) {}
}

/** A value as an error message shows it: JSON, at most 60 characters. */
export function shown(v: unknown): string {
  const text = JSON.stringify(v) ?? String(v);
  return text.length > 60 ? `${text.slice(0, 60)}…` : text;
}

/** What type a value is, for "… is a string, not an integer". */
export function typeName(v: unknown): string {
  if (v === null) return "null";
  if (Array.isArray(v)) return "an array";
  if (typeof v === "object") return "an object";
  if (typeof v === "number") return Number.isInteger(v) ? "an integer" : "a number";
  return `a ${typeof v}`;
}
