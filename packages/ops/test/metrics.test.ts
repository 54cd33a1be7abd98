import { mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Finding } from "@omrecon/core";
import { type Receiver, startReceiver } from "@omrecon/sandbox";
import { insertRun, listFindingStates, openStore, recordRunFindings, recordStepRun, type Store } from "@omrecon/store";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import {
  metricsPathProblem,
  metricsText,
  partnerRoute,
  pushMetrics,
  RequestTally,
  readMetricsSnapshot,
  writeMetricsFile,
} from "../src/index.js";
import { orphan, underpaid } from "./fixtures.js";
import { PROMTOOL, promtoolCheck } from "./promtool.js";

function tempDir(): string {
  return mkdtempSync(join(tmpdir(), "omrecon-metrics-"));
}

/** A database with two sync runs (the last failed), a reconcile run and three open findings. */
async function world(): Promise<Store> {
  const store = await openStore(join(tempDir(), "db.sqlite"));
  const tally = new RequestTally();
  tally.record("partner", partnerRoute("GET", "/orders?limit=100&offset=0"), 200);
  tally.record("partner", partnerRoute("GET", "/orders/10421"), 200);
  tally.record("partner", partnerRoute("GET", "/orders/10422"), 404);
  tally.record("ton", "getTransactions", null);
  const step = (id: string, name: string, at: string, status: "ok" | "failed", counts = {}) =>
    recordStepRun(store.db, {
      id,
      step: name,
      started_at: at,
      finished_at: at,
      status,
      exit_code: status === "ok" ? 0 : 2,
      error: status === "ok" ? null : "x",
      duration_ms: 4_250,
      counts,
    });
  await step("1", "sync", "2026-04-15T02:00:00.000Z", "ok", { orders_read: 300 });
  await step("2", "sync", "2026-04-16T02:00:00.000Z", "failed", { orders_read: 12, requests: tally.entries() });
  await step("3", "reconcile", "2026-04-16T02:05:00.000Z", "ok", { transfers_read: 17 });
  const run = await insertRun(store.db, {
    started_at: "2026-04-16T02:05:00.000Z",
    window_from: "2026-04-09T00:00:00.000Z",
    window_to: "2026-04-16T00:00:00.000Z",
    as_of: "2026-04-16T00:00:00.000Z",
    options: {},
  });
  const findings: Finding[] = [underpaid(1), underpaid(2, 0n), orphan(3)];
  await recordRunFindings(store.db, run, "2026-04-16T02:05:00.000Z", findings);
  return store;
}

describe("metrics", () => {
  it("says each step's last run, status and success, open findings by kind and severity, TON at stake, requests by route", async () => {
    const store = await world();
    const text = await metricsText(await readMetricsSnapshot(store), "0.1.0");
    expect(text).toContain('omrecon_last_run_success{step="sync"} 0');
    expect(text).toContain(
      `omrecon_last_success_timestamp_seconds{step="sync"} ${Date.parse("2026-04-15T02:00:00Z") / 1000}`,
    );
    expect(text).toContain('omrecon_last_run_exit_code{step="sync"} 2');
    expect(text).toContain('omrecon_last_run_duration_seconds{step="reconcile"} 4.25');
    expect(text).toContain('omrecon_last_run_orders_read{step="sync"} 12');
    expect(text).toContain('omrecon_last_run_transfers_read{step="reconcile"} 17');
    expect(text).toContain(
      'omrecon_last_run_api_requests{step="sync",api="partner",route="GET /orders/{id}",status="200"} 1',
    );
    expect(text).toContain(
      'omrecon_last_run_api_requests{step="sync",api="ton",route="getTransactions",status="error"} 1',
    );
    expect(text).toContain('omrecon_open_findings{kind="underpaid",severity="critical"} 2');
    expect(text).toContain('omrecon_open_findings{kind="missing_payment",severity="critical"} 0');
    expect(text).toContain('omrecon_open_findings_ton{severity="critical"} 0.436');
    expect(text).toContain("omrecon_alerts_pending 0");
    // The open-findings gauge sums to what `findings --status open` lists.
    const sum = [...text.matchAll(/^omrecon_open_findings\{[^}]*\} (\d+)$/gm)].reduce((n, m) => n + Number(m[1]), 0);
    expect(sum).toBe((await listFindingStates(store.db, { status: "open" })).length);
    expect(sum).toBe(3);
    await store.close();
  });

  it.skipIf(!PROMTOOL)(
    "passes `promtool check metrics` (skipped: promtool not installed; .ci/run installs Debian's prometheus)",
    async () => {
      const store = await world();
      const checked = promtoolCheck(await metricsText(await readMetricsSnapshot(store), "0.1.0"));
      expect(checked).toEqual({ status: 0, output: "" });
      // And promtool does catch a bad exposition: the check can fail.
      expect(promtoolCheck("omrecon_x{a=1} 1\n").status).not.toBe(0);
      await store.close();
    },
  );

  it("writes the file whole through a temporary name the textfile collector ignores", () => {
    const dir = tempDir();
    const path = join(dir, "omrecon.prom");
    writeFileSync(path, "old\n");
    writeMetricsFile(path, "omrecon_build_info 1\n");
    expect(readFileSync(path, "utf8")).toBe("omrecon_build_info 1\n");
    expect(readdirSync(dir)).toEqual(["omrecon.prom"]);
  });

  it("says in words why a path cannot take the file, before any work is done", () => {
    const dir = tempDir();
    mkdirSync(join(dir, "sub"));
    writeFileSync(join(dir, "file"), "");
    expect(metricsPathProblem(join(dir, "omrecon.prom"))).toBeNull();
    expect(metricsPathProblem(join(dir, "sub"))).toBe("is a folder; give a file name in it, e.g. omrecon.prom");
    expect(metricsPathProblem(join(dir, "missing", "x.prom"))).toBe(
      `: the folder ${join(dir, "missing")} does not exist`,
    );
    expect(metricsPathProblem(join(dir, "file", "x.prom"))).toBe(`: ${join(dir, "file")} is not a folder`);
  });
});

describe("pushing to a Pushgateway", () => {
  let gateway: Receiver;
  beforeEach(async () => {
    gateway = await startReceiver({ path: "/hook/SECRETPATH" });
  });
  afterEach(async () => {
    await gateway.close();
  });

  it("PUTs the same text to the omrecon job's group", async () => {
    const base = gateway.url.replace(/\/hook\/SECRETPATH$/, "");
    const result = await pushMetrics(base, "omrecon_build_info 1\n", { userAgent: "omrecon/test" });
    expect(result.delivered).toBe(true);
    expect(gateway.received.map((r) => [r.method, r.path, r.body, r.headers["content-type"]])).toEqual([
      ["PUT", "/metrics/job/omrecon", "omrecon_build_info 1\n", "text/plain; version=0.0.4; charset=utf-8"],
    ]);
  });
});
