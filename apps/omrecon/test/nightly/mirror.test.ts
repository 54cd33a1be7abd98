import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { OpenMoneyClient } from "@omrecon/client";
import { silentLogger } from "@omrecon/core";
import { connectReconcile } from "@omrecon/reconcile";
import { type Sandbox, startSandbox } from "@omrecon/sandbox";
import { openStore } from "@omrecon/store";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runNightly } from "../../src/index.js";

describe("nightly on a mirror reconcile does not trust", () => {
  let sandbox: Sandbox;
  beforeAll(async () => {
    sandbox = await startSandbox({ seed: 12, orders: 200, days: 3, plant: { orphan_transfer: 1 } });
  });
  afterAll(async () => {
    await sandbox?.stop();
  });

  it("exits 2 when the mirror is incomplete for reconcile (here: its last pass older than the limit), with the report written", async () => {
    const dir = mkdtempSync(join(tmpdir(), "omrecon-nightly-mirror-"));
    const store = await openStore(join(dir, "db.sqlite"));
    const client = new OpenMoneyClient({ apiKey: sandbox.apiKey, baseUrl: sandbox.apiUrl });
    const settings = {
      apiKey: sandbox.apiKey,
      baseUrl: sandbox.apiUrl,
      tonEndpoint: sandbox.tonEndpoint,
      tonApiKey: undefined,
      webhookUrl: undefined,
      webhookSecret: undefined,
    };
    // Reconcile's clock runs a day and a half ahead of sync's: the pass sync just finished is too old for it.
    const later = () => new Date(Date.now() + 36 * 3_600_000);
    const reconcileWith = connectReconcile(settings, { store, client, now: later });
    const { from, to } = sandbox.truth.window;
    try {
      const outcome = await runNightly(
        { store, source: client, reconcile: reconcileWith.ctx, logger: silentLogger, now: () => new Date() },
        { out: join(dir, "out"), window: { from: new Date(from), to: new Date(to) }, failOn: "never" },
      );
      expect(outcome.run.mirrorIncomplete).toMatch(/^the last complete sync pass started 36 h ago/);
      expect(outcome.exitStatus).toBe(2);
      expect(outcome.run.findings.find((f) => f.kind === "orphan_transfer")).toMatchObject({ held_back: true });
      expect(outcome.report.files.map((f) => f.file)).toContain("orders.csv");
    } finally {
      await reconcileWith.close();
      await client.close();
      await store.close();
    }
  });
});
