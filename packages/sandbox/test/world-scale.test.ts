/**
 * The budget: a 1,000,000-order world generates and serves within 2 GB RSS. Slow (about a
 * minute per million on two cores), so it runs only with OMRECON_SLOW_TESTS=1; it prints the time
 * and the peak RSS it measured (`process.resourceUsage().maxRSS`, the whole test process).
 */
import { describe, expect, it } from "vitest";
import { startSandbox } from "../src/sandbox.js";

const NOW = Date.UTC(2026, 3, 16, 12, 0, 0);
const sizes = (process.env.OMRECON_SLOW_ORDERS ?? "100000,1000000").split(",").map(Number);

async function post(url: string, body: unknown) {
  const res = await fetch(url, {
    method: "POST",
    headers: { "Content-Type": "application/json" },
    body: JSON.stringify(body),
  });
  return (await res.json()) as { ok: boolean; result: { transaction_id: { lt: string; hash: string } }[] };
}

describe.skipIf(!process.env.OMRECON_SLOW_TESTS)("world at scale", () => {
  it.each(sizes)(
    "generates and serves %i orders within 2 GB RSS",
    async (orders) => {
      const started = performance.now();
      const sb = await startSandbox({ seed: 1, orders, days: 7, now: NOW, plant: { underpaid: { rate: 0.0001 } } });
      const generatedMs = performance.now() - started;
      try {
        const headers = { Authorization: `Bearer ${sb.apiKey}` };
        const served = performance.now();
        // A sync's first pages, a page deep in history, the control total, the ledger.
        for (let page = 0; page < 50; page++) {
          const res = await fetch(`${sb.apiUrl}/orders?limit=100&offset=${page * 100}`, { headers });
          expect(res.status).toBe(200);
          await res.arrayBuffer();
        }
        const deep = await fetch(`${sb.apiUrl}/orders?limit=100&offset=${orders - 100}`, { headers });
        expect(((await deep.json()) as { data: { items: unknown[] } }).data.items).toHaveLength(100);
        const stats = await fetch(`${sb.apiUrl}/orders/stats/summary`, { headers });
        expect(((await stats.json()) as { data: { total_orders: number } }).data.total_orders).toBe(orders);
        await (await fetch(`${sb.apiUrl}/balance/transactions?limit=100`, { headers })).arrayBuffer();
        // The chain reader's walk of a busy payment wallet, newest first, 100 a page.
        const address = sb.world.actors.paymentWallets[0]!.toString();
        let cursor: { lt: string; hash: string } | undefined;
        for (let page = 0; page < 50; page++) {
          const params = { address, limit: 100, ...(cursor ? { lt: cursor.lt, hash: cursor.hash } : {}) };
          const body = await post(sb.tonEndpoint, { id: page, jsonrpc: "2.0", method: "getTransactions", params });
          expect(body.ok).toBe(true);
          cursor = body.result[body.result.length - 1]!.transaction_id;
        }
        const servedMs = performance.now() - served;
        const peakMb = Math.round(process.resourceUsage().maxRSS / 1024);
        console.log(
          `world ${orders} orders: generated+started in ${(generatedMs / 1000).toFixed(1)} s, ` +
            `${sb.chain.size} transactions, ${sb.world.balanceTxs.length} ledger rows; ` +
            `served 100 pages + stats in ${(servedMs / 1000).toFixed(1)} s; peak RSS ${peakMb} MB`,
        );
        expect(peakMb).toBeLessThan(2048);
      } finally {
        await sb.stop();
      }
    },
    30 * 60_000,
  );
});
