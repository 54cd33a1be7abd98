/** A sandbox world synced and reconciled into a real database (a SQLite file or a Postgres schema), for reports over real runs. */
import { OpenMoneyClient } from "@omrecon/client";
import { FINDING_KINDS, type FindingKind } from "@omrecon/core";
import { connectReconcile, type RunOutcome, reconcile } from "@omrecon/reconcile";
import { type Sandbox, type SandboxOptions, startSandbox } from "@omrecon/sandbox";
import type { Store } from "@omrecon/store";
import type { TestDialect } from "@omrecon/store/testing";
import { runSync } from "@omrecon/sync";
import { tempStore } from "./fixture.js";

/** Every finding kind planted `n` times (the two singletons once). */
export function everyKind(n: number): Record<FindingKind, number> {
  const plant = Object.fromEntries(FINDING_KINDS.map((k) => [k, n])) as Record<FindingKind, number>;
  plant.balance_mismatch = 1;
  plant.control_total_mismatch = 1;
  return plant;
}

export interface World {
  sb: Sandbox;
  store: Store;
  /** The truth's window (the world's whole history up to its present). */
  window: { from: Date; to: Date };
  run: RunOutcome;
  close(): Promise<void>;
}

/** Starts the world, syncs it and reconciles its whole window once. */
export async function reconciledWorld(options: SandboxOptions, dialect?: TestDialect): Promise<World> {
  const sb = await startSandbox(options);
  const store = await tempStore(dialect);
  const client = new OpenMoneyClient({ apiKey: sb.apiKey, baseUrl: sb.apiUrl, retryBaseDelayMs: 10 });
  const now = () => new Date(sb.now());
  const window = { from: new Date(sb.truth.window.from), to: new Date(sb.truth.window.to) };
  try {
    await runSync({ source: client, store, now });
    const { ctx, close } = connectReconcile(
      {
        apiKey: sb.apiKey,
        baseUrl: sb.apiUrl,
        tonEndpoint: sb.tonEndpoint,
        tonApiKey: undefined,
      },
      { store, client, now },
    );
    let run: RunOutcome;
    try {
      run = await reconcile(ctx, window);
    } finally {
      await close();
    }
    return {
      sb,
      store,
      window,
      run,
      async close() {
        await client.close();
        await store.close();
        await sb.stop();
      },
    };
  } catch (error) {
    await client.close();
    await store.close();
    await sb.stop();
    throw error;
  }
}
