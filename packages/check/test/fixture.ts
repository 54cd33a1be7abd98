/** A sandbox and the environment `check` reads, pointed at it, with a database path in a fresh folder. */
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { PassThrough } from "node:stream";
import { type Sandbox, type SandboxOptions, startSandbox } from "@omrecon/sandbox";
import type { CheckIo } from "../src/index.js";

export async function sandboxFor(
  options: Partial<SandboxOptions> = {},
): Promise<{ sb: Sandbox; env: Record<string, string> }> {
  const sb = await startSandbox({ seed: 11, orders: 80, days: 3, tricky: false, ...options });
  const dir = mkdtempSync(join(tmpdir(), "omrecon-check-"));
  const env = Object.fromEntries(sb.env.map((line) => line.split(/=(.*)/s).slice(0, 2) as [string, string]));
  return { sb, env: { ...env, OMRECON_DB: join(dir, "data", "omrecon.sqlite") } };
}

/** Streams that keep what was written, for `checkMain`. */
export function memoryIo(env: Record<string, string | undefined>): CheckIo & { out: () => string; err: () => string } {
  const collect = () => {
    const stream = new PassThrough();
    let text = "";
    stream.on("data", (chunk) => {
      text += String(chunk);
    });
    return { stream, text: () => text };
  };
  const out = collect();
  const err = collect();
  return { env, stdout: out.stream, stderr: err.stream, now: () => new Date(), out: out.text, err: err.text };
}

/** What the sandbox saw that could change anything: no POST, no order created. */
export function writes(sb: Sandbox): { posts: number; created: number } {
  return {
    posts: sb.counters.api.log().filter((r) => r.method !== "GET").length,
    created: sb.counters.api.ordersCreated,
  };
}
