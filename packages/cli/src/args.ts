import { type ParseArgsConfig, parseArgs } from "node:util";
import { parseTon } from "@omrecon/core";
import { UsageError } from "./errors.js";
import { didYouMean } from "./suggest.js";

type Options = NonNullable<ParseArgsConfig["options"]>;

/** What `parseCommandLine` returns for a given options table. */
export type ParsedCommandLine<O extends Options> = ReturnType<
  typeof parseArgs<{ args: string[]; options: O; strict: true; allowPositionals: boolean }>
>;

/** Flags every command takes (docs/cli.md#commands). */
export const commonOptions = {
  db: { type: "string" },
  from: { type: "string" },
  to: { type: "string" },
  json: { type: "boolean" },
  help: { type: "boolean", short: "h" },
} as const satisfies Options;

/**
 * util.parseArgs in strict mode, with its errors turned into one-line UsageErrors that name the
 * flag and point at --help.
 */
export function parseCommandLine<const O extends Options>(
  argv: readonly string[],
  options: O,
  config: { allowPositionals?: boolean; command?: string } = {},
): ParsedCommandLine<O> {
  try {
    return parseArgs({ args: [...argv], options, strict: true, allowPositionals: config.allowPositionals ?? false });
  } catch (error) {
    const message =
      (error as Error).message.split("\n")[0]?.replace(/\. To specify a positional.*$/, "") ?? "bad arguments";
    throw new UsageError(`${message}${suggestionFor(message, options)} (see --help)`);
  }
}

/** "; did you mean --from?" for a mistyped long flag (`--frm`), else nothing. */
function suggestionFor(message: string, options: Options): string {
  const unknown = /^Unknown option '--([^'=]+)/.exec(message)?.[1];
  if (unknown === undefined) return "";
  const meant = didYouMean(unknown, Object.keys(options));
  return meant === undefined ? "" : `; did you mean --${meant}?`;
}

/** An integer flag within bounds, or a UsageError naming it. */
export function intFlag(name: string, value: string | undefined, fallback: number, min: number, max: number): number {
  if (value === undefined) return fallback;
  if (!/^-?\d+$/.test(value.trim()))
    throw new UsageError(`--${name} must be a whole number, got ${JSON.stringify(value)}`);
  const n = Number(value);
  if (n < min || n > max) throw new UsageError(`--${name} must be between ${min} and ${max}, got ${n}`);
  return n;
}

/** A non-negative TON amount flag (e.g. --tolerance-ton 0.01) as nanotons. */
export function tonFlag(name: string, value: string | undefined, fallback: bigint): bigint {
  if (value === undefined) return fallback;
  let amount: bigint;
  try {
    amount = parseTon(value);
  } catch {
    throw new UsageError(`--${name} must be a TON amount like 0.01, got ${JSON.stringify(value)}`);
  }
  if (amount < 0n) throw new UsageError(`--${name} must not be negative, got ${value}`);
  return amount;
}

/** One of a fixed set of words. */
export function choiceFlag<const T extends string>(
  name: string,
  value: string | undefined,
  choices: readonly T[],
  fallback: T,
): T {
  if (value === undefined) return fallback;
  if (!(choices as readonly string[]).includes(value)) {
    throw new UsageError(`--${name} must be one of ${choices.join(", ")}, got ${JSON.stringify(value)}`);
  }
  return value as T;
}

/** An IANA time zone (e.g. Europe/Berlin), checked against the runtime's tz database. */
export function timeZoneFlag(name: string, value: string | undefined, fallback: string): string {
  if (value === undefined) return fallback;
  try {
    new Intl.DateTimeFormat("en-US", { timeZone: value });
  } catch {
    throw new UsageError(`--${name} must be an IANA time zone like UTC or Europe/Berlin, got ${JSON.stringify(value)}`);
  }
  return value;
}
