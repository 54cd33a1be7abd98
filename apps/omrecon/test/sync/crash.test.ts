import { copyFileSync } from "node:fs";
import { type Sandbox, startSandbox } from "@omrecon/sandbox";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { dumpMirror, run, start, tempDb, until } from "./helpers.js";

const DAY = 24 * 60 * 60 * 1000;

/** Starts a sync, SIGKILLs it once the sandbox has seen `after` of its requests, and waits for it to die. */
async function killAfter(sandbox: Sandbox, env: Record<string, string>, after: number): Promise<void> {
  const before = sandbox.counters.api.requests();
  const child = start([], env);
  await until(
    () => sandbox.counters.api.requests() - before >= after || child.child.exitCode !== null,
    `request ${after}`,
  );
  child.child.kill("SIGKILL");
  const done = await child.done;
  expect(done.signal, `killed after request ${after}`).toBe("SIGKILL");
}

// Each case spawns a dozen CLI processes; allow well beyond vitest's default.
describe.skipIf(!process.env.OMRECON_SLOW_TESTS)(
  "a sync killed with SIGKILL and run again",
  { timeout: 300_000 },
  () => {
    let sandbox: Sandbox;
    let env: (db: string) => Record<string, string>;
    beforeAll(async () => {
      sandbox = await startSandbox({ seed: 21, orders: 3000, days: 20 });
      // Slow enough that a kill lands mid-walk, between and inside page transactions.
      sandbox.faults.api.setRates("*", { latencyMs: 10 });
      env = (db) => ({ OPENMONEY_BASE_URL: sandbox.apiUrl, OPENMONEY_API_KEY: sandbox.apiKey, OMRECON_DB: db });
    });
    afterAll(async () => {
      await sandbox.stop();
    });

    it("ends a first pass with exactly the mirror a clean pass gives", async () => {
      const clean = tempDb();
      const first = await run(["--json"], env(clean));
      expect(first.status).toBe(0);
      const requests: number = JSON.parse(first.stdout).requests;
      const expected = await dumpMirror(clean);
      for (const share of [0.02, 0.3, 0.65, 0.93, 0.99]) {
        const db = tempDb();
        await killAfter(sandbox, env(db), Math.max(1, Math.floor(requests * share)));
        const again = await run([], env(db));
        expect(again.status, again.stderr).toBe(0);
        expect(await dumpMirror(db), `killed at ${share}`).toEqual(expected);
      }
    });

    it("ends an incremental pass after changes with exactly the mirror a clean pass gives", async () => {
      const base = tempDb();
      expect((await run([], env(base))).status).toBe(0);

      const orders = sandbox.state.orders();
      const now = sandbox.now();
      const oldOpen = orders.filter(
        (o) => ["failed", "processing", "paid"].includes(o.status) && o.created_at < now - 8 * DAY,
      );
      for (const o of oldOpen.slice(0, 3)) sandbox.setStatus(o.id, o.status === "failed" ? "refunded" : "completed");
      const recent = orders.filter((o) => o.status === "pending_payment");
      if (recent[0]) sandbox.payOrder(recent[0].id);
      for (let k = 0; k < 40; k++)
        sandbox.state.createStarsOrder({ recipient_username: `late_${k}`, quantity: 100 + k });
      sandbox.topUp(3_000_000_000n);

      const clean = tempDb();
      const fresh = await run(["--json"], env(clean));
      const expected = await dumpMirror(clean);
      expect(JSON.parse(fresh.stdout).orders.inserted).toBe(sandbox.state.orderCount);
      const measure = tempDb();
      copyFileSync(base, measure);
      const incremental = JSON.parse((await run(["--json"], env(measure))).stdout);
      expect(incremental.mode).toBe("incremental");
      const requests: number = incremental.requests;
      for (let after = 1; after < requests; after += Math.max(1, Math.floor(requests / 6))) {
        const db = tempDb();
        copyFileSync(base, db);
        await killAfter(sandbox, env(db), after);
        const again = await run([], env(db));
        expect(again.status, again.stderr).toBe(0);
        expect(await dumpMirror(db), `killed after request ${after}`).toEqual(expected);
      }
    });
  },
);
