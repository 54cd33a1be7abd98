import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { OpenMoneyClient } from "@omrecon/client";
import { type PartnerApi, startPartnerApi } from "@omrecon/sandbox";
import { listBalanceTransactions, listOrders, openStore, type Store } from "@omrecon/store";
import { type TestDialect, testDialects } from "@omrecon/store/testing";
import { describe } from "vitest";
import type { SyncContext, SyncSource } from "../src/index.js";
import type { TestWorld } from "./world.js";

export function tempDbPath(): string {
  return join(mkdtempSync(join(tmpdir(), "omrecon-sync-")), "mirror.sqlite");
}

export async function startApi(world: TestWorld): Promise<PartnerApi> {
  return startPartnerApi(world.state);
}

/** The real client, with short backoffs so fault tests stay quick, and enough retries for 20% faults. */
const clients = new Set<OpenMoneyClient>();

export async function closeClients(): Promise<void> {
  for (const c of clients) await c.close();
  clients.clear();
}

export function clientFor(api: PartnerApi, options: { maxRetries?: number } = {}): OpenMoneyClient {
  const client = new OpenMoneyClient({
    apiKey: api.state.partner.apiKey,
    baseUrl: api.url,
    maxRetries: options.maxRetries ?? 8,
    retryBaseDelayMs: 2,
    retryMaxDelayMs: 20,
    timeout: 5_000,
  });
  clients.add(client);
  return client;
}

export function sourceFor(api: PartnerApi): SyncSource {
  return clientFor(api);
}

/** A context whose clock is the world's. */
export function contextFor(
  api: PartnerApi,
  store: Store,
  world: TestWorld,
  extra: Partial<SyncContext> = {},
): SyncContext {
  return { source: sourceFor(api), store, now: () => new Date(world.now()), ...extra };
}

/** A new, empty store: a SQLite file, or a fresh Postgres schema when the suite runs on Postgres. */
export async function openTempStore(dialect?: TestDialect): Promise<Store> {
  return openStore(dialect ? await dialect.location() : tempDbPath());
}

/** The dialects a suite runs against (@omrecon/store/testing), once per file. */
export const DIALECTS = testDialects();

/** `describe` once per dialect (`name [sqlite]`, `name [postgres]`); one that cannot run here skips, its title says why. */
export function describeEachDialect(name: string, body: (dialect: TestDialect) => void): void {
  for (const dialect of DIALECTS)
    describe.skipIf(dialect.skip !== null)(`${name} [${dialect.title}]`, () => body(dialect));
}

/** Every mirrored order and ledger row, `synced_at` left out: what two equal mirrors share. */
export async function dumpMirror(store: Store): Promise<{ orders: unknown[]; ledger: unknown[] }> {
  const orders = (await listOrders(store.db)).sort((a, b) => (a.id < b.id ? -1 : 1));
  const ledger = await listBalanceTransactions(store.db);
  const strip = <T extends { synced_at: string }>({ synced_at: _, ...rest }: T) => rest;
  return { orders: orders.map(strip), ledger: ledger.map(strip) };
}
