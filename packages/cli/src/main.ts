import { readFileSync } from "node:fs";
import { redact } from "@omrecon/core";
import { ExitError } from "./errors.js";

/** Secrets from the environment, so that even an error raised before settings load is redacted. */
function environmentSecrets(env: Record<string, string | undefined>): string[] {
  const out = [env.OPENMONEY_API_KEY, env.TON_API_KEY, env.OMRECON_WEBHOOK_SECRET];
  if (env.OPENMONEY_API_KEY_FILE) {
    try {
      out.push(readFileSync(env.OPENMONEY_API_KEY_FILE, "utf8").trim());
    } catch {
      // An unreadable key file is reported by loadSettings; nothing to redact from it.
    }
  }
  return out.filter((s): s is string => typeof s === "string" && s.trim() !== "").map((s) => s.trim());
}

/** What an error means for the user: one line and an exit status (cli.md). */
export function describeError(error: unknown): { exitCode: number; message: string } {
  if (error instanceof ExitError) return { exitCode: error.exitCode, message: error.message };
  const e = error as { name?: string; message?: string; status?: number } | undefined;
  const message = (e?.message ?? String(error)).split("\n")[0] ?? "";
  switch (e?.name) {
    case "AuthenticationError":
      return {
        exitCode: 2,
        message: /OPENMONEY_API_KEY/.test(message)
          ? message
          : `the partner API refused the key: check OPENMONEY_API_KEY (${message})`,
      };
    case "PermissionError":
      return { exitCode: 2, message: `the partner API forbids this for the key in OPENMONEY_API_KEY: ${message}` };
    case "ConnectionError":
    case "TimeoutError":
    case "ServerError":
    case "RateLimitError":
    case "MalformedResponseError":
      return { exitCode: 2, message: `service unavailable after retries: ${message}` };
    case "StoreError":
      return { exitCode: 2, message: `database unusable: ${message}` };
    // Operational failures whose own message already says what happened and what to do.
    case "ChainReadError":
    case "ReconcileBusyError":
    case "SyncLockedError":
    case "LockLostError":
    case "NightlyStoppedError":
      return { exitCode: 2, message };
    default:
      if (e?.name?.endsWith("Error") && typeof e.status === "number") {
        return { exitCode: 2, message: `the partner API answered ${e.status}: ${message}` };
      }
      return { exitCode: 2, message: `unexpected error: ${message} (set OMRECON_DEBUG=1 for the stack)` };
  }
}

export interface RunMainOptions {
  /** Prefix of the error line, e.g. "omrecon sync". */
  command: string;
  env?: Record<string, string | undefined>;
  stderr?: NodeJS.WritableStream;
  /** Defaults to process.exit; tests pass a recorder. */
  exit?: (code: number) => void;
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
    const { exitCode, message } = describeError(error);
    stderr.write(`${redact(`${options.command}: ${message}`, secrets)}\n`);
    if (env.OMRECON_DEBUG === "1" && error instanceof Error && error.stack) {
      stderr.write(`${redact(error.stack, secrets)}\n`);
    }
    code = exitCode;
  }
  exit(code);
}
