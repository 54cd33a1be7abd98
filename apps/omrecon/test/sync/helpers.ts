import { type ChildProcess, spawn } from "node:child_process";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { listBalanceTransactions, listOrders, openStore } from "@omrecon/store";

export const bin = join(dirname(fileURLToPath(import.meta.url)), "..", "..", "dist", "bin.js");

export function tempDb(): string {
  return join(mkdtempSync(join(tmpdir(), "omrecon-app-sync-")), "mirror.sqlite");
}

export interface Run {
  child: ChildProcess;
  /** What the process wrote so far. */
  stdout(): string;
  stderr(): string;
  /** Resolves when the process has ended. */
  done: Promise<{ status: number | null; signal: NodeJS.Signals | null; stdout: string; stderr: string }>;
}

/** Starts the built CLI; never blocks the event loop, so a sandbox in this process keeps serving. */
export function start(args: string[], env: Record<string, string>): Run {
  const child = spawn(process.execPath, [bin, "sync", ...args], {
    env: { PATH: process.env.PATH ?? "", OMRECON_LOG_FORMAT: "pretty", ...env },
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
  const done = new Promise<{ status: number | null; signal: NodeJS.Signals | null; stdout: string; stderr: string }>(
    (resolve) => child.on("close", (status, signal) => resolve({ status, signal, stdout, stderr })),
  );
  return { child, done, stdout: () => stdout, stderr: () => stderr };
}

export function run(args: string[], env: Record<string, string>) {
  return start(args, env).done;
}

export async function until(condition: () => boolean, what: string, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 5));
  }
}

/** Every mirrored order and ledger row without `synced_at`: what two equal mirrors share. */
export async function dumpMirror(path: string): Promise<{ orders: unknown[]; ledger: unknown[] }> {
  const store = await openStore(path);
  try {
    const orders = (await listOrders(store.db)).sort((a, b) => (a.id < b.id ? -1 : 1));
    const ledger = await listBalanceTransactions(store.db);
    const strip = <T extends { synced_at: string }>({ synced_at: _, ...rest }: T) => rest;
    return { orders: orders.map(strip), ledger: ledger.map(strip) };
  } finally {
    await store.close();
  }
}
