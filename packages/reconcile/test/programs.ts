/** The built `omrecon` programs as child processes (`node scripts/run.mjs …`, no build step). */
import { type ChildProcess, spawn, spawnSync } from "node:child_process";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

export const ROOT = join(dirname(fileURLToPath(import.meta.url)), "..", "..", "..");

export interface Ended {
  status: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

export interface Started {
  child: ChildProcess;
  stderr(): string;
  done: Promise<Ended>;
}

/** Starts `node [--import preload] scripts/run.mjs <args>` without blocking this process (which serves the sandbox). */
export function start(args: readonly string[], env: Record<string, string>, preload?: string): Started {
  const node = preload ? ["--import", preload] : [];
  const child = spawn(process.execPath, [...node, join(ROOT, "scripts", "run.mjs"), ...args], {
    cwd: ROOT,
    env: { PATH: process.env.PATH ?? "", OMRECON_SKIP_BUILD: "1", OMRECON_LOG_FORMAT: "pretty", ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let stdout = "";
  let stderr = "";
  child.stdout!.setEncoding("utf8").on("data", (d: string) => {
    stdout += d;
  });
  child.stderr!.setEncoding("utf8").on("data", (d: string) => {
    stderr += d;
  });
  const done = new Promise<Ended>((resolve) =>
    child.on("close", (status, signal) => resolve({ status, signal, stdout, stderr })),
  );
  return { child, done, stderr: () => stderr };
}

export function run(args: readonly string[], env: Record<string, string>, preload?: string): Promise<Ended> {
  return start(args, env, preload).done;
}

/** Whether the programs are built (`pnpm build`): these tests run what users run. */
export function programsBuilt(): boolean {
  const help = spawnSync(process.execPath, [join(ROOT, "scripts", "run.mjs"), "reconcile", "--help"], {
    cwd: ROOT,
    env: { PATH: process.env.PATH ?? "", OMRECON_SKIP_BUILD: "1" },
    encoding: "utf8",
  });
  return help.status === 0 && /max-sync-age-hours/.test(help.stdout);
}

export async function until(condition: () => boolean, what: string, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 5));
  }
}
