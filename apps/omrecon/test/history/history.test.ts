/** `runs`, `findings`, `findings show` and `alerts` over a real database, in this process. */
import { join } from "node:path";
import type { Finding } from "@omrecon/core";
import { findingsNewEvent, recordAlerts } from "@omrecon/ops";
import { endRun, insertRun, openStore, recordRunFindings, resolveFinding } from "@omrecon/store";
import { describe, expect, it } from "vitest";
import { omreconMain } from "../../src/index.js";
import { tempDir } from "../ops/harness.js";
import { sink } from "../reconcile/helpers.js";

const finding = (key: string, over: Partial<Finding> = {}): Finding => ({
  key,
  kind: "underpaid",
  severity: "critical",
  order_id: 1,
  payment_memo: "STARS-1",
  tx_hash: null,
  expected_nano: 418_000_000n,
  received_nano: 400_000_000n,
  amount_nano: 18_000_000n,
  message: key,
  ...over,
});

async function database(): Promise<string> {
  const path = join(tempDir(), "omrecon.sqlite");
  const store = await openStore(path);
  const run = (day: string) =>
    insertRun(store.db, {
      started_at: `${day}T02:00:00.000Z`,
      window_from: "2026-04-09T00:00:00.000Z",
      window_to: `${day}T00:00:00.000Z`,
      as_of: `${day}T00:00:00.000Z`,
      options: {},
    });
  const first = await run("2026-04-15");
  await recordRunFindings(store.db, first, "2026-04-15T02:00:00.000Z", [
    finding("underpaid:1"),
    finding(`orphan_transfer:${"ab".repeat(32)}`, {
      kind: "orphan_transfer",
      severity: "warning",
      order_id: null,
      payment_memo: null,
      tx_hash: "ab".repeat(32),
      expected_nano: null,
      received_nano: null,
      amount_nano: 7_000_000_000n,
      message: "comment \u001b[2J\u001b]0;pwned\u0007 matches no order",
    }),
  ]);
  await endRun(store.db, first, "failed", {
    finished_at: "2026-04-15T02:01:00.000Z",
    duration_ms: 60_000,
    error: "the chain could not be read",
  });
  const second = await run("2026-04-16");
  await recordRunFindings(store.db, second, "2026-04-16T02:00:00.000Z", [
    finding("underpaid:1"),
    finding("missing_payment:2", { kind: "missing_payment", order_id: 2, amount_nano: 418_000_000n }),
  ]);
  await resolveFinding(store.db, {
    key: "missing_payment:2",
    by: "ana",
    note: "paid by card",
    at: "2026-04-16T09:00:00Z",
  });
  await recordAlerts(
    store.db,
    [
      findingsNewEvent(
        {
          runId: second,
          window: { from: "2026-04-09T00:00:00Z", to: "2026-04-16T00:00:00Z" },
          asOf: "2026-04-16T00:00:00Z",
          totals: { orders: 1, transfers: 1, matched: 0, findings: 2, new_findings: 1 },
        },
        [finding("missing_payment:2")],
        "2026-04-16T02:00:00.000Z",
      ),
    ],
    { at: "2026-04-16T02:00:00.000Z", runId: second },
  );
  await store.close();
  return path;
}

async function run(argv: string[], db: string) {
  const stdout = sink();
  const stderr = sink();
  const status = await omreconMain(argv, {
    env: { OMRECON_DB: db, OMRECON_LOG_FORMAT: "pretty" },
    stdout,
    stderr,
    now: () => new Date("2026-04-17T00:00:00Z"),
  });
  return { status, stdout: stdout.text(), stderr: stderr.text() };
}

describe("history commands", () => {
  it("runs: newest first, a failed run with the line it failed with, and --limit", async () => {
    const db = await database();
    const text = await run(["runs"], db);
    expect(text.stdout.split("\n")[1]).toMatch(/^\s+2 {2}2026-04-16 02:00 {2}running /);
    expect(text.stdout.split("\n")[2]).toMatch(
      /^\s+1 {2}2026-04-15 02:00 {2}failed .*60\.0 s {2}the chain could not be read$/,
    );
    const json = JSON.parse((await run(["runs", "--limit", "1", "--json"], db)).stdout);
    expect(json.runs).toHaveLength(1);
    expect(json.runs[0]).toMatchObject({ run_id: 2, status: "running", window: { to: "2026-04-16T00:00:00Z" } });
  });

  it("findings: open by default, most severe then most at stake; --status, --kind, --severity, --since; bad values name the flag", async () => {
    const db = await database();
    const open = JSON.parse((await run(["findings", "--json"], db)).stdout);
    expect(open.count).toBe(2);
    expect(open.findings.map((f: { key: string; status: string }) => [f.key, f.status])).toEqual([
      ["underpaid:1", "open"],
      [`orphan_transfer:${"ab".repeat(32)}`, "open"],
    ]);
    const all = JSON.parse((await run(["findings", "--status", "all", "--json"], db)).stdout);
    expect(all.findings.find((f: { key: string }) => f.key === "missing_payment:2")).toMatchObject({
      status: "resolved",
      amount_ton: "0.418",
      resolution: { resolved_by: "ana", note: "paid by card" },
    });
    expect(JSON.parse((await run(["findings", "--kind", "orphan_transfer", "--json"], db)).stdout).count).toBe(1);
    expect(JSON.parse((await run(["findings", "--severity", "warning", "--json"], db)).stdout).count).toBe(1);
    expect(
      JSON.parse((await run(["findings", "--since", "2026-04-16", "--status", "all", "--json"], db)).stdout).count,
    ).toBe(1);
    await expect(run(["findings", "--kind", "underpayd"], db)).rejects.toThrow(
      '--kind "underpayd" is not a finding kind; did you mean underpaid?',
    );
    await expect(run(["findings", "--status", "closed"], db)).rejects.toThrow(
      '--status must be one of open, resolved, cleared, all, got "closed"',
    );
  });

  it("findings: outside text reaches the terminal with its control characters escaped", async () => {
    const db = await database();
    const text = await run(["findings", "--kind", "orphan_transfer"], db);
    expect(text.stdout.includes("\u001b") || text.stdout.includes("\u0007")).toBe(false);
    expect(text.stdout).toContain("comment \\u001b[2J\\u001b]0;pwned\\u0007 matches no order");
  });

  it("findings show: by any unique key start, with its resolutions and the runs that saw it", async () => {
    const db = await database();
    const shown = await run(["findings", "show", "underpaid"], db);
    expect(shown.stdout).toContain("underpaid:1  (critical underpaid, open)");
    expect(shown.stdout).toContain("  seen by runs   2, 1 (new)");
    const json = JSON.parse((await run(["findings", "show", "missing", "--json"], db)).stdout);
    expect(json.finding).toMatchObject({ key: "missing_payment:2", status: "resolved" });
    expect(json.resolutions).toEqual([expect.objectContaining({ resolved_by: "ana", note: "paid by card" })]);
    expect(json.runs.map((r: { run_id: number }) => r.run_id)).toEqual([2]);
  });

  it("alerts: what is pending, with what it says; --send without a webhook names the setting", async () => {
    const db = await database();
    const pending = JSON.parse((await run(["alerts", "--json"], db)).stdout);
    expect(pending).toMatchObject({ status: "pending", count: 1 });
    expect(pending.alerts[0]).toMatchObject({ type: "findings.new", attempts: 0, summary: "1 new finding of run 2" });
    expect((await run(["alerts"], db)).stdout).toMatch(
      /^2026-04-16 02:00 {2}pending {4}msg_[0-9a-f]{32} {2}1 new finding of run 2 {2}\(0 attempts\)\n$/,
    );
    await expect(run(["alerts", "--send"], db)).rejects.toThrow(
      "--send needs OMRECON_WEBHOOK_URL (or OMRECON_WEBHOOK_FORMAT=pagerduty with its routing key)",
    );
  });
});
