/**
 * The real pieces wired together over HTTP: a sandbox world, the partner API client, sync into a
 * real database (a SQLite file, or a Postgres schema), the chain reader against the sandbox's toncenter, and `reconcile`.
 */
import { OpenMoneyClient } from "@omrecon/client";
import { FINDING_KINDS, type FindingKind } from "@omrecon/core";
import { type Sandbox, type SandboxOptions, startSandbox } from "@omrecon/sandbox";
import type { Store } from "@omrecon/store";
import type { TestDialect } from "@omrecon/store/testing";
import { runSync } from "@omrecon/sync";
import { connectReconcile, type RunOutcome, reconcile } from "../src/index.js";
import { alertsTo } from "./alerts.js";
import { tempStore } from "./store-fixtures.js";

/** Every finding kind planted `n` times (the two singletons once). */
export function everyKind(n: number): Record<FindingKind, number> {
  const plant = Object.fromEntries(FINDING_KINDS.map((k) => [k, n])) as Record<FindingKind, number>;
  plant.balance_mismatch = 1;
  plant.control_total_mismatch = 1;
  return plant;
}

export interface Harness {
  sb: Sandbox;
  store: Store;
  client: OpenMoneyClient;
  /** One sync pass, then one reconcile over the truth's window (as-of = its end). */
  /** One sync pass, then one reconcile whose alerts (json) go to `alertsUrl` when given. */
  syncAndReconcile(alertsUrl?: string): Promise<RunOutcome>;
  close(): Promise<void>;
}

/** The sandbox of `options`, and a new store of `dialect` (SQLite when not given). */
export async function startHarness(options: SandboxOptions, dialect?: TestDialect): Promise<Harness> {
  const sb = await startSandbox(options);
  const store = await tempStore(dialect);
  const client = new OpenMoneyClient({ apiKey: sb.apiKey, baseUrl: sb.apiUrl, retryBaseDelayMs: 10 });
  const now = () => new Date(sb.now());
  const window = { from: new Date(sb.truth.window.from), to: new Date(sb.truth.window.to) };
  return {
    sb,
    store,
    client,
    async syncAndReconcile(alertsUrl) {
      const alerts = alertsUrl === undefined ? undefined : alertsTo(store, alertsUrl);
      await runSync({ source: client, store, now });
      const settings = {
        apiKey: sb.apiKey,
        baseUrl: sb.apiUrl,
        tonEndpoint: sb.tonEndpoint,
        tonApiKey: undefined,
      };
      const { ctx, close } = connectReconcile(settings, { store, client, now, ...(alerts && { alerts }) });
      try {
        return await reconcile(ctx, window);
      } finally {
        await close();
      }
    },
    async close() {
      await client.close();
      await store.close();
      await sb.stop();
    },
  };
}
