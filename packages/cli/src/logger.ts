import { type Logger, type LogLevel, redact } from "@omrecon/core";
import { type LogFormat, logOptionsOf } from "./log-options.js";
import { statusLineOf } from "./status-line.js";

const RANK: Record<LogLevel, number> = { debug: 10, info: 20, warn: 30, error: 40 };

export interface CreateLoggerOptions {
  /** `json`: one JSON object per line; `pretty`: `HH:MM:SS level message k=v`. Default: `OMRECON_LOG_FORMAT`, else by terminal. */
  format?: LogFormat;
  /** @deprecated use `format`. */
  json?: boolean;
  /** Default: `OMRECON_LOG_LEVEL`, else `info`. */
  level?: LogLevel;
  stream?: NodeJS.WritableStream & { isTTY?: boolean };
  /** Where `OMRECON_LOG_LEVEL`/`_FORMAT` are read (default `process.env`). */
  env?: Record<string, string | undefined>;
  /** Values masked wherever they appear (the API key, webhook secret, …). */
  secrets?: readonly string[];
  /** Added to every line, e.g. `{ command: "sync" }`. */
  base?: Record<string, unknown>;
  now?: () => Date;
}

function plain(value: unknown): string {
  if (typeof value === "bigint") return value.toString();
  if (typeof value === "string") return /\s|"/.test(value) ? JSON.stringify(value) : value;
  if (value instanceof Error) return JSON.stringify(value.message);
  return JSON.stringify(value, (_k, v) => (typeof v === "bigint" ? v.toString() : v)) ?? String(value);
}

/** One log line in a format: what the logger writes, and what runMain writes as the last error line. */
export function logLine(
  format: LogFormat,
  at: Date,
  level: LogLevel,
  msg: string,
  fields: Record<string, unknown> = {},
): string {
  if (format === "json") {
    return JSON.stringify({ time: at.toISOString(), level, msg, ...fields }, (_k, v) => {
      if (typeof v === "bigint") return v.toString();
      if (v instanceof Error) return { name: v.name, message: v.message };
      return v;
    });
  }
  const extras = Object.entries(fields)
    .map(([k, v]) => `${k}=${plain(v)}`)
    .join(" ");
  return `${at.toISOString().slice(11, 19)} ${level.padEnd(5)} ${msg}${extras ? ` ${extras}` : ""}`;
}

/**
 * A structured logger on stderr (docs/cli.md#logs): human lines on a terminal, JSON lines elsewhere,
 * secrets redacted, and above the progress line when there is one.
 */
export function createLogger(options: CreateLoggerOptions = {}): Logger {
  const stream = options.stream ?? process.stderr;
  const defaults =
    options.level !== undefined && (options.format !== undefined || options.json !== undefined)
      ? null
      : logOptionsOf(options.env ?? process.env, stream);
  const format: LogFormat =
    options.format ?? (options.json === undefined ? defaults!.format : options.json ? "json" : "pretty");
  const min = RANK[options.level ?? defaults!.level];
  const secrets = options.secrets ?? [];
  const now = options.now ?? (() => new Date());
  const line = statusLineOf(stream);
  const write = (level: LogLevel, msg: string, fields?: Record<string, unknown>) => {
    if (RANK[level] < min) return;
    const text = redact(logLine(format, now(), level, msg, { ...options.base, ...fields }), secrets);
    line.above(() => stream.write(`${text}\n`));
  };
  return {
    debug: (m, f) => write("debug", m, f),
    info: (m, f) => write("info", m, f),
    warn: (m, f) => write("warn", m, f),
    error: (m, f) => write("error", m, f),
  };
}
