/**
 * The built `omrecon` as a child process (what cron runs), receivers on 127.0.0.1 that record what
 * they are sent, and a URL nobody listens on.
 */
import { spawn } from "node:child_process";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { type Receiver, startReceiver as startSandboxReceiver } from "@omrecon/sandbox";

export { deadPort, type Receiver } from "@omrecon/sandbox";

export const BIN = join(dirname(fileURLToPath(import.meta.url)), "..", "..", "dist", "bin.js");

export interface Ran {
  status: number | null;
  stdout: string;
  stderr: string;
  /** The last line on stderr. */
  last: string;
}

/** Runs `omrecon <args>` with only PATH and `env` (the pretty format unless `env` says otherwise). */
export function omrecon(
  args: readonly string[],
  env: Record<string, string>,
  options: { uid?: number } = {},
): Promise<Ran> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [BIN, ...args], {
      env: { PATH: process.env.PATH ?? "", OMRECON_LOG_FORMAT: "pretty", ...env },
      stdio: ["ignore", "pipe", "pipe"],
      ...(options.uid !== undefined && { uid: options.uid, gid: options.uid }),
    });
    let stdout = "";
    let stderr = "";
    child.stdout.setEncoding("utf8").on("data", (d: string) => {
      stdout += d;
    });
    child.stderr.setEncoding("utf8").on("data", (d: string) => {
      stderr += d;
    });
    child.on("close", (status) => resolve({ status, stdout, stderr, last: stderr.trimEnd().split("\n").at(-1) ?? "" }));
  });
}

/** What a receiver that takes alerts answers (PagerDuty's Events API answers this way). */
const ACCEPTED = { status: 202, headers: { "content-type": "application/json" }, body: '{"status":"success"}' };

/** The sandbox's receiver at `path`, answering every request as an alert service that took it. */
export function startReceiver(path = "/hook"): Promise<Receiver> {
  return startSandboxReceiver({ path, otherwise: ACCEPTED });
}

export function tempDir(): string {
  return mkdtempSync(join(tmpdir(), "omrecon-ops-cli-"));
}
