/**
 * How a command logs (docs/cli.md#logs): `OMRECON_LOG_LEVEL` (`debug`, `info`, `warn`, `error`;
 * default `info`) and `OMRECON_LOG_FORMAT` (`pretty` or `json`; default `pretty` on a terminal,
 * `json` otherwise). One format per stream: in `json` every line on stderr is a JSON object, the
 * last error line too. A value that is neither is a ConfigError naming the variable, checked
 * before any command runs (a typo like `verbose` would otherwise hide every log line it meant to show).
 */
import type { LogLevel } from "@omrecon/core";
import { ConfigError } from "./errors.js";

export const LOG_LEVELS: readonly LogLevel[] = ["debug", "info", "warn", "error"];
export const LOG_FORMATS = ["pretty", "json"] as const;
export type LogFormat = (typeof LOG_FORMATS)[number];

export interface LogOptions {
  level: LogLevel;
  format: LogFormat;
}

type Env = Record<string, string | undefined>;

/** The log level and format of `env` for `stream`; a ConfigError naming the variable when either is unknown. */
export function logOptionsOf(env: Env, stream: { isTTY?: boolean }): LogOptions {
  const level = (env.OMRECON_LOG_LEVEL ?? "").trim().toLowerCase();
  const format = (env.OMRECON_LOG_FORMAT ?? "").trim().toLowerCase();
  if (level !== "" && !(LOG_LEVELS as readonly string[]).includes(level)) {
    throw new ConfigError(
      `OMRECON_LOG_LEVEL must be one of ${LOG_LEVELS.join(", ")}, got ${JSON.stringify(env.OMRECON_LOG_LEVEL?.slice(0, 40))}`,
    );
  }
  if (format !== "" && !(LOG_FORMATS as readonly string[]).includes(format)) {
    throw new ConfigError(
      `OMRECON_LOG_FORMAT must be pretty or json, got ${JSON.stringify(env.OMRECON_LOG_FORMAT?.slice(0, 40))}`,
    );
  }
  return {
    level: (level || "info") as LogLevel,
    format: (format || (stream.isTTY ? "pretty" : "json")) as LogFormat,
  };
}

/** The format of a stream, never throwing (an unknown value falls back to the default): for the last error line. */
export function logFormatOf(env: Env, stream: { isTTY?: boolean }): LogFormat {
  const format = (env.OMRECON_LOG_FORMAT ?? "").trim().toLowerCase();
  if ((LOG_FORMATS as readonly string[]).includes(format)) return format as LogFormat;
  return stream.isTTY ? "pretty" : "json";
}
