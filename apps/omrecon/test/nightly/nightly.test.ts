import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { PassThrough } from "node:stream";
import { runMain } from "@omrecon/cli";
import { type Sandbox, startSandbox } from "@omrecon/sandbox";
import Papa from "papaparse";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { demoMain, nightlyMain } from "../../src/index.js";

function sink() {
  const stream = new PassThrough();
  let text = "";
  stream.on("data", (c) => {
    text += String(c);
  });
  return { stream, text: () => text };
}

async function run(main: typeof nightlyMain, argv: string[], given: Record<string, string>) {
  const env = { OMRECON_LOG_FORMAT: "pretty", ...given };
  const stdout = sink();
  const stderr = sink();
  let status = -1;
  await runMain(() => main(argv, { env, stdout: stdout.stream, stderr: stderr.stream, now: () => new Date() }), {
    command: "omrecon nightly",
    env,
    stderr: stderr.stream,
    exit: (code) => {
      status = code;
    },
  });
  return { status, stdout: stdout.text(), stderr: stderr.text() };
}

describe("nightly", () => {
  let sandbox: Sandbox;
  let env: Record<string, string>;
  beforeAll(async () => {
    sandbox = await startSandbox({ seed: 11, orders: 300, days: 3, plant: { underpaid: 1, orphan_transfer: 1 } });
    env = {
      OPENMONEY_API_KEY: sandbox.apiKey,
      OPENMONEY_BASE_URL: sandbox.apiUrl,
      TON_ENDPOINT: sandbox.tonEndpoint,
    };
  });
  afterAll(async () => {
    await sandbox?.stop();
  });

  it("syncs, reconciles and reports in one go, exiting 1 for findings at or above --fail-on", async () => {
    const dir = mkdtempSync(join(tmpdir(), "omrecon-nightly-"));
    const { from, to } = sandbox.truth.window;
    const r = await run(nightlyMain, ["--json", "--out", join(dir, "out"), "--from", from, "--to", to], {
      ...env,
      OMRECON_DB: join(dir, "db.sqlite"),
    });
    expect(r.status).toBe(1);
    const doc = JSON.parse(r.stdout);
    expect(doc.exit_status).toBe(1);
    expect(doc.sync.orders.fetched).toBe(300);
    expect(doc.reconcile.findings.map((f: { key: string }) => f.key).sort()).toEqual(
      sandbox.truth.findings.map((f) => f.key).sort(),
    );
    expect(doc.report.files.map((f: { file: string }) => f.file)).toEqual([
      "orders.csv",
      "daily_summary.csv",
      "findings.csv",
      "balance_ledger.csv",
      "omrecon-report.xlsx",
      "summary.html",
      "manifest.json",
    ]);
    expect(doc.report.bridge.checked).toBe(true);
    const orders = Papa.parse(readFileSync(join(dir, "out", "orders.csv"), "utf8"), {
      header: true,
      skipEmptyLines: true,
    });
    expect(orders.data).toHaveLength(300);
    // A second night with nothing new: same findings, none new, and --fail-on never exits 0.
    const again = await run(
      nightlyMain,
      ["--json", "--out", join(dir, "out"), "--from", from, "--to", to, "--fail-on", "never"],
      {
        ...env,
        OMRECON_DB: join(dir, "db.sqlite"),
      },
    );
    expect(again.status).toBe(0);
    const second = JSON.parse(again.stdout);
    expect(second.reconcile.totals.new_findings).toBe(0);
    expect(second.reconcile.findings.every((f: { new: boolean }) => f.new === false)).toBe(true);
  });

  it("exits 2 with one line naming OPENMONEY_API_KEY when the key is refused, and never prints it", async () => {
    const dir = mkdtempSync(join(tmpdir(), "omrecon-nightly-"));
    const wrong = "osk_wrong_key_0123456789";
    const r = await run(nightlyMain, ["--out", join(dir, "out")], {
      ...env,
      OPENMONEY_API_KEY: wrong,
      OMRECON_DB: join(dir, "db.sqlite"),
    });
    expect(r.status).toBe(2);
    expect(r.stdout).toBe("");
    const lastLine = r.stderr.trim().split("\n").at(-1) ?? "";
    expect(lastLine).toMatch(/^omrecon nightly: .*OPENMONEY_API_KEY/);
    expect(r.stderr).not.toContain(wrong);
  });

  it("reports one closed day with --period yesterday, reconciling the week before it too", async () => {
    const dir = mkdtempSync(join(tmpdir(), "omrecon-nightly-"));
    const now = new Date(sandbox.now());
    const stdout = sink();
    const stderr = sink();
    let status = -1;
    const io = {
      env: { ...env, OMRECON_DB: join(dir, "db.sqlite") },
      stdout: stdout.stream,
      stderr: stderr.stream,
      now: () => now,
    };
    await runMain(
      () => nightlyMain(["--json", "--out", join(dir, "day"), "--period", "yesterday", "--format", "csv"], io),
      {
        command: "omrecon nightly",
        env: io.env,
        stderr: stderr.stream,
        exit: (code) => {
          status = code;
        },
      },
    );
    expect(stderr.text()).not.toMatch(/bridge does not close/);
    expect([0, 1]).toContain(status);
    const doc = JSON.parse(stdout.text());
    const midnight = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate());
    expect(doc.report.window).toEqual({
      from: new Date(midnight - 86_400_000).toISOString(),
      to: new Date(midnight).toISOString(),
    });
    expect(doc.report.period).toBe("yesterday");
    expect(doc.reconcile.window.from).toBe(new Date(midnight - 8 * 86_400_000).toISOString().replace(".000Z", "Z"));
    expect(doc.report.files.map((f: { file: string }) => f.file)).toEqual([
      "orders.csv",
      "daily_summary.csv",
      "findings.csv",
      "balance_ledger.csv",
      "manifest.json",
    ]);
  });

  it("refuses a bad flag with one line and exit 2", async () => {
    const r = await run(nightlyMain, ["--fail-on", "loud"], env);
    expect(r.status).toBe(2);
    expect(r.stderr).toBe('omrecon nightly: --fail-on must be one of critical, warning, info, never, got "loud"\n');
  });
});

describe("demo", () => {
  it("runs the nightly job against a fresh sandbox and finds exactly what was planted", async () => {
    const out = mkdtempSync(join(tmpdir(), "omrecon-demo-"));
    const r = await run(demoMain, ["--json", "--out", out, "--orders", "400", "--seed", "3"], {});
    expect(r.status).toBe(0);
    const doc = JSON.parse(r.stdout);
    expect(doc.truth.missing).toEqual([]);
    expect(doc.truth.extra).toEqual([]);
    expect(doc.truth.expected).toBeGreaterThanOrEqual(15);
    expect(new Set(doc.nightly.reconcile.findings.map((f: { kind: string }) => f.kind)).size).toBe(15);
    expect(readFileSync(join(out, "findings.csv"), "utf8").split("\r\n").length).toBe(doc.truth.expected + 2);
    // The bridge closed (else exit 2), and its totals are in the manifest.
    const manifest = JSON.parse(readFileSync(join(out, "manifest.json"), "utf8"));
    expect(manifest.bridge).toEqual(doc.nightly.report.bridge);
    expect(Number(manifest.bridge.orders.billed_ton)).toBeGreaterThan(0);
  });

  it("prints the bridge instead of two bare totals", async () => {
    const out = mkdtempSync(join(tmpdir(), "omrecon-demo-"));
    const r = await run(demoMain, ["--out", out, "--orders", "300", "--seed", "4"], {});
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(
      /billed [\d,.]+ TON = received on chain [\d,.]+ \+ paid from balance [\d,.]+ \+ shortfall/,
    );
    expect(r.stdout).toMatch(/arrived on chain [\d,.]+ TON = covering sets/);
    expect(r.stdout).toContain("omrecon-report.xlsx");
  });
});
