/**
 * Child-process entry: generates the bench world, serves it (partner API + TON API) on local
 * ports, writes world.json and truth.json, and answers the orchestrator's questions about request
 * counts until told to stop. In its own process, so its ~800 MB at a million orders never counts
 * toward a stage's peak RSS, and its serving CPU is visible as what it is.
 */
import { join } from "node:path";
import { startSandbox } from "@omrecon/sandbox";
import { FIXTURES, writeJson } from "./fixtures.js";
import type { SandboxEndpoints } from "./job.js";
import { BENCH_PLANT, type WorldInfo } from "./world.js";

export interface HostArgs {
  seed: number;
  orders: number;
  days: number;
  nowMs: number;
  workDir: string;
}

export interface RequestCounts {
  /** Partner API requests per route, and their sum. */
  api: Record<string, number>;
  apiTotal: number;
  /** TON API requests per JSON-RPC method, and their sum. */
  ton: Record<string, number>;
  tonTotal: number;
}

export type HostMessage =
  | { type: "ready"; endpoints: SandboxEndpoints; world: WorldInfo }
  | { type: "counts"; id: number; counts: RequestCounts }
  | { type: "error"; message: string };

export type HostRequest = { type: "counts"; id: number } | { type: "stop" };

const sum = (r: Record<string, number>) => Object.values(r).reduce((a, b) => a + b, 0);

async function main(): Promise<void> {
  const args = JSON.parse(process.argv[2] ?? "null") as HostArgs;
  const started = performance.now();
  const sandbox = await startSandbox({
    seed: args.seed,
    orders: args.orders,
    days: args.days,
    now: args.nowMs,
    plant: BENCH_PLANT,
  });
  const world: WorldInfo = {
    seed: args.seed,
    orders: args.orders,
    days: args.days,
    nowMs: args.nowMs,
    window: sandbox.truth.window,
    transactions: sandbox.chain.size,
    ledgerRows: sandbox.world.balanceTxs.length,
    expectedFindings: sandbox.truth.findings.length,
    generateMs: performance.now() - started,
    sandboxRssMb: process.resourceUsage().maxRSS / 1024,
  };
  writeJson(join(args.workDir, FIXTURES.world), world);
  writeJson(
    join(args.workDir, FIXTURES.truth),
    sandbox.truth.findings.map((f) => f.key),
  );
  const endpoints = { apiUrl: sandbox.apiUrl, apiKey: sandbox.apiKey, tonEndpoint: sandbox.tonEndpoint };

  const stop = async () => {
    await sandbox.stop();
    process.exit(0);
  };
  process.on("disconnect", () => void stop());
  process.on("message", (message: HostRequest) => {
    if (message.type === "stop") void stop();
    else if (message.type === "counts") {
      const api = sandbox.counters.api.snapshot();
      const ton = sandbox.counters.ton.snapshot();
      const reply: HostMessage = {
        type: "counts",
        id: message.id,
        counts: { api, apiTotal: sum(api), ton, tonTotal: sum(ton) },
      };
      process.send?.(reply);
    }
  });
  process.send?.({ type: "ready", endpoints, world } satisfies HostMessage);
}

main().catch((error: unknown) => {
  process.send?.({ type: "error", message: (error as Error)?.stack ?? String(error) } satisfies HostMessage);
  process.exit(1);
});
