import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { PassThrough } from "node:stream";
import { runMain } from "@omrecon/cli";
import { FINDING_KINDS, type FindingKind } from "@omrecon/core";
import { type Sandbox, startSandbox } from "@omrecon/sandbox";
import { testDialects } from "@omrecon/store/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { nightlyMain } from "../../src/index.js";
import { run, start, until } from "../sync/helpers.js";

const postgres = testDialects().find((d) => d.name === "postgres")!;
const CSV_FILES = ["orders.csv", "daily_summary.csv", "findings.csv", "balance_ledger.csv"];

function sink() {
  const stream = new PassThrough();
  let text = "";
  stream.on("data", (c) => {
    text += String(c);
  });
  return { stream, text: () => text };
}

/** The nightly job in this process, its clock fixed: files that record when a run saw a finding compare equal. */
async function nightly(argv: string[], env: Record<string, string>, now: Date) {
  const stdout = sink();
  const stderr = sink();
  let status = -1;
  await runMain(() => nightlyMain(argv, { env, stdout: stdout.stream, stderr: stderr.stream, now: () => now }), {
    command: "omrecon nightly",
    env,
    stderr: stderr.stream,
    exit: (code) => {
      status = code;
    },
  });
  return { status, stdout: stdout.text(), stderr: stderr.text() };
}

describe.skipIf(postgres.skip !== null)(`omrecon on Postgres (OMRECON_DB=postgres://…) [${postgres.title}]`, () => {
  let sandbox: Sandbox;
  let env: Record<string, string>;
  beforeAll(async () => {
    // Every finding kind once, and the tricky payments: the report's every column has something to say.
    const plant = Object.fromEntries(FINDING_KINDS.map((k) => [k, 1])) as Record<FindingKind, number>;
    sandbox = await startSandbox({ seed: "pg-e2e", orders: 600, days: 6, plant, tricky: true });
    env = { OPENMONEY_API_KEY: sandbox.apiKey, OPENMONEY_BASE_URL: sandbox.apiUrl, TON_ENDPOINT: sandbox.tonEndpoint };
  });
  afterAll(async () => {
    await sandbox?.stop();
  });

  it("writes byte-identical CSV files and the same findings as on SQLite for the same world; a second night finds nothing new", async () => {
    const dir = mkdtempSync(join(tmpdir(), "omrecon-pg-e2e-"));
    const url = await postgres.location();
    const password = new URL(url).password;
    const { from, to } = sandbox.truth.window;
    const argv = (out: string) => ["--json", "--out", join(dir, out), "--from", from, "--to", to, "--format", "csv"];
    const now = new Date(sandbox.now());
    const onSqlite = await nightly(argv("sqlite"), { ...env, OMRECON_DB: join(dir, "db.sqlite") }, now);
    const onPostgres = await nightly(argv("postgres"), { ...env, OMRECON_DB: url }, now);
    expect([onSqlite.status, onPostgres.status]).toEqual([1, 1]);
    for (const file of CSV_FILES) {
      const a = readFileSync(join(dir, "sqlite", file));
      const b = readFileSync(join(dir, "postgres", file));
      expect(b.equals(a), `${file} differs`).toBe(true);
    }
    const sqliteDoc = JSON.parse(onSqlite.stdout);
    const postgresDoc = JSON.parse(onPostgres.stdout);
    expect(postgresDoc.reconcile.findings).toEqual(sqliteDoc.reconcile.findings);
    expect(postgresDoc.report.bridge).toEqual(sqliteDoc.report.bridge);
    expect(postgresDoc.reconcile.findings.map((f: { key: string }) => f.key).sort()).toEqual(
      sandbox.truth.findings.map((f) => f.key).sort(),
    );
    expect(postgresDoc.reconcile.findings.every((f: { new: boolean }) => f.new)).toBe(true);
    // The URL's password is a secret: in no output, no file.
    expect(onPostgres.stdout + onPostgres.stderr).not.toContain(password);
    for (const file of [...CSV_FILES, "manifest.json"]) {
      expect(readFileSync(join(dir, "postgres", file), "utf8")).not.toContain(password);
    }

    const again = await nightly([...argv("postgres-2"), "--fail-on", "never"], { ...env, OMRECON_DB: url }, now);
    expect(again.status).toBe(0);
    const second = JSON.parse(again.stdout);
    expect(second.reconcile.totals.new_findings).toBe(0);
    expect(second.reconcile.findings.length).toBe(postgresDoc.reconcile.findings.length);
    expect(second.reconcile.findings.every((f: { new: boolean }) => f.new === false)).toBe(true);
  }, 240_000);

  it("lets only one of two concurrent sync processes on one Postgres database run; the other exits 2 naming the holder", async () => {
    const url = await postgres.location();
    const db = { OPENMONEY_BASE_URL: sandbox.apiUrl, OPENMONEY_API_KEY: sandbox.apiKey, OMRECON_DB: url };
    sandbox.faults.api.clear();
    const before = sandbox.counters.api.requests();
    const first = start(["--json"], db);
    await until(() => sandbox.counters.api.requests() > before, "the first process to start syncing");
    // Frozen mid-pass, it still holds the lock (alive, and well within the lock's lifetime).
    first.child.kill("SIGSTOP");
    const second = await run(["--json"], db);
    first.child.kill("SIGCONT");
    const done = await first.done;
    expect(second.status).toBe(2);
    expect(second.stdout).toBe("");
    expect(second.stderr).toMatch(/another sync is running \(pid \d+ on /);
    expect(second.stderr).not.toContain(new URL(url).password);
    expect(done.status).toBe(0);
    expect(JSON.parse(done.stdout).requests).toBe(sandbox.counters.api.requests() - before);
  });
});
