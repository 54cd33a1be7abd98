/**
 * JSON text with exact amounts: a `bigint` is written as the TON decimal of that many nanotons
 * (418000000n → 0.418) and a `RawNumber` as its own text, so no amount ever passes through a
 * float on the way out.
 */
import { formatTon } from "@omrecon/core";

/** A JSON number given by its exact text (e.g. a rate "3.25"). */
export class RawNumber {
  constructor(readonly text: string) {}
}

export function writeJson(value: unknown): string {
  if (value === null || value === undefined) return "null";
  switch (typeof value) {
    case "bigint":
      return formatTon(value);
    case "string":
      return JSON.stringify(value);
    case "number":
    case "boolean":
      return JSON.stringify(value);
    case "object": {
      if (value instanceof RawNumber) return value.text;
      if (Array.isArray(value)) return `[${value.map(writeJson).join(",")}]`;
      const parts: string[] = [];
      for (const [k, v] of Object.entries(value)) {
        if (v !== undefined) parts.push(`${JSON.stringify(k)}:${writeJson(v)}`);
      }
      return `{${parts.join(",")}}`;
    }
    default:
      return "null";
  }
}
