import { readFileSync } from "node:fs";
import { isOmreconError, redact } from "@omrecon/core";
import { databasePassword } from "./database-setting.js";
import { type LogFormat, logFormatOf } from "./log-options.js";
import { logLine } from "./logger.js";
import { statusLineOf } from "./status-line.js";

/** Secrets from the environment, so that even an error raised before settings load is redacted. */
export function environmentSecrets(env: Record<string, string | undefined>): string[] {
  const out = [
    env.OPENMONEY_API_KEY,
    env.TON_API_KEY,
    env.OMRECON_WEBHOOK_SECRET,
    env.OMRECON_WEBHOOK_URL,
    env.OMRECON_HEARTBEAT_URL,
    databasePassword(env.OMRECON_DB),
  ];
  if (env.OPENMONEY_API_KEY_FILE) {
    try {
      out.push(readFileSync(env.OPENMONEY_API_KEY_FILE, "utf8").trim());
    } catch {
      // An unreadable key file is reported by loadSettings; nothing to redact from it.
    }
  }
  return out.filter((s): s is string => typeof s === "string" && s.trim() !== "").map((s) => s.trim());
}

/**
 * How each error `code` reads on the one line a failed command prints (docs/cli.md#exit-status).
 * Codes not listed print their message as it is: it already says what happened and what to do.
 */
const LEAD: Readonly<Record<string, string>> = {
  api_unavailable: "service unavailable after retries: ",
  api_forbidden: "the partner API forbids this for the key in OPENMONEY_API_KEY: ",
  store_unusable: "database unusable: ",
};

/** What an error means for the user: one line, an exit status and a stable code, by the error's type. */
export function describeError(error: unknown): { exitCode: number; message: string; code: string } {
  const firstLine = (text: string) => text.split("\n")[0] ?? "";
  if (isOmreconError(error)) {
    const message = firstLine(error.message);
    const lead = LEAD[error.code] ?? "";
    return {
      exitCode: error.exitCode,
      message: message.startsWith(lead) ? message : `${lead}${message}`,
      code: error.code,
    };
  }
  // Not one of ours: a bug, or a library's failure nobody translated. Say so plainly.
  const message = firstLine((error as { message?: string } | undefined)?.message ?? String(error));
  return {
    exitCode: 2,
    message: `internal error: ${message} (a bug in omrecon: rerun with OMRECON_DEBUG=1 and report the stack)`,
    code: "internal",
  };
}

/**
 * The last line of a failed command: `omrecon sync: <message>` in the pretty format, or in the
 * json format the same words as a JSON log line (`msg`, `command`, `code`, `exit_code`), so a
 * stream holds one format (docs/cli.md#logs). Redacted.
 */
export function errorLine(
  command: string,
  error: { exitCode: number; message: string; code: string },
  format: LogFormat,
  secrets: readonly string[],
  at: Date = new Date(),
): string {
  const text =
    format === "json"
      ? logLine("json", at, "error", `${command}: ${error.message}`, {
          command,
          code: error.code,
          exit_code: error.exitCode,
        })
      : `${command}: ${error.message}`;
  return redact(text, secrets);
}

export interface RunMainOptions {
  /** Prefix of the error line, e.g. "omrecon sync". */
  command: string;
  env?: Record<string, string | undefined>;
  stderr?: NodeJS.WritableStream;
  /** Defaults to process.exit; tests pass a recorder. */
  exit?: (code: number) => void;
  /** The last error line's format; default `OMRECON_LOG_FORMAT`, else by terminal. */
  format?: LogFormat;
}

/**
 * The one place a program ends: runs `main`, turns its result or error into an exit status, prints
 * an error as one redacted line on stderr, and exits.
 */
export async function runMain(main: () => Promise<number>, options: RunMainOptions): Promise<void> {
  const env = options.env ?? process.env;
  const stderr = options.stderr ?? process.stderr;
  const exit = options.exit ?? ((code: number) => process.exit(code));
  let code: number;
  try {
    code = await main();
  } catch (error) {
    const secrets = environmentSecrets(env);
    const described = describeError(error);
    const format = options.format ?? logFormatOf(env, stderr as { isTTY?: boolean });
    statusLineOf(stderr).clear();
    stderr.write(`${errorLine(options.command, described, format, secrets)}\n`);
    if (env.OMRECON_DEBUG === "1" && error instanceof Error && error.stack) {
      stderr.write(`${redact(error.stack, secrets)}\n`);
    }
    code = described.exitCode;
  }
  // process.exit drops what a pipe has not taken yet (a large --json document was cut at ~430 KB):
  // wait until both streams have handed everything over.
  await Promise.all([drained(process.stdout), drained(stderr)]);
  exit(code);
}

function drained(stream: NodeJS.WritableStream): Promise<void> {
  return new Promise((resolve) => {
    if (!stream.writable) resolve();
    else stream.write("", () => resolve());
  });
}
