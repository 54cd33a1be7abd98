import { type Logger, type LogLevel, redact } from "@omrecon/core";

const RANK: Record<LogLevel, number> = { debug: 10, info: 20, warn: 30, error: 40 };

export interface CreateLoggerOptions {
  /** One JSON object per line (default: when the stream is not a terminal, e.g. under cron). */
  json?: boolean;
  level?: LogLevel;
  stream?: NodeJS.WritableStream & { isTTY?: boolean };
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

/** A structured logger on stderr: human lines on a terminal, JSON lines elsewhere, secrets redacted. */
export function createLogger(options: CreateLoggerOptions = {}): Logger {
  const stream = options.stream ?? process.stderr;
  const json = options.json ?? !stream.isTTY;
  const min = RANK[options.level ?? ((process.env.OMRECON_LOG_LEVEL as LogLevel | undefined) || "info")] ?? RANK.info;
  const secrets = options.secrets ?? [];
  const now = options.now ?? (() => new Date());
  const write = (level: LogLevel, msg: string, fields?: Record<string, unknown>) => {
    if (RANK[level] < min) return;
    const all = { ...options.base, ...fields };
    let line: string;
    if (json) {
      line = JSON.stringify({ time: now().toISOString(), level, msg, ...all }, (_k, v) => {
        if (typeof v === "bigint") return v.toString();
        if (v instanceof Error) return { name: v.name, message: v.message };
        return v;
      });
    } else {
      const extras = Object.entries(all)
        .map(([k, v]) => `${k}=${plain(v)}`)
        .join(" ");
      line = `${now().toISOString().slice(11, 19)} ${level.padEnd(5)} ${msg}${extras ? ` ${extras}` : ""}`;
    }
    stream.write(`${redact(line, secrets)}\n`);
  };
  return {
    debug: (m, f) => write("debug", m, f),
    info: (m, f) => write("info", m, f),
    warn: (m, f) => write("warn", m, f),
    error: (m, f) => write("error", m, f),
  };
}
