import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { openStore } from "@omrecon/store";
import { testDatabase } from "@omrecon/store/testing";
import { describe, expect, it } from "vitest";

const bin = join(dirname(fileURLToPath(import.meta.url)), "..", "..", "dist", "bin.js");

function run(args: string[], env: Record<string, string> = {}) {
  const r = spawnSync(process.execPath, [bin, "report", ...args], {
    encoding: "utf8",
    env: { PATH: process.env.PATH ?? "", OMRECON_LOG_FORMAT: "pretty", ...env },
  });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe("omrecon report (built CLI)", () => {
  it("prints only the JSON document on stdout with --json and exits 0", async () => {
    const dir = mkdtempSync(join(tmpdir(), "omrecon-app-report-"));
    const db = join(dir, "db.sqlite");
    await (await openStore(db)).close();
    const out = join(dir, "out");
    const r = run(["--json", "--out", out, "--from", "2026-04-01", "--to", "2026-04-08"], { OMRECON_DB: db });
    expect(r.stderr).toBe("");
    expect(r.status).toBe(0);
    const doc = JSON.parse(r.stdout);
    expect(doc.files.map((f: { file: string; rows: number }) => [f.file, f.rows])).toEqual([
      ["orders.csv", 0],
      ["daily_summary.csv", 0],
      ["findings.csv", 0],
      ["balance_ledger.csv", 0],
      ["omrecon-report.xlsx", 0],
      ["summary.html", 0],
      ["manifest.json", 6],
    ]);
    expect(doc.files[0].sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(doc.bridge.checked).toBe(false);
    expect(doc.window).toEqual({ from: "2026-04-01T00:00:00.000Z", to: "2026-04-08T00:00:00.000Z" });
    expect(existsSync(join(out, "orders.csv"))).toBe(true);
  });

  it("exits 2 with one line for a bad flag, a bad zone or a missing database", () => {
    const bad = run(["--frm", "2026-01-01"]);
    expect(bad.status).toBe(2);
    expect(bad.stderr).toBe("omrecon report: Unknown option '--frm'; did you mean --from? (see --help)\n");
    const tz = run(["--tz", "Mars/Base"], { OMRECON_DB: "/nonexistent/db.sqlite" });
    expect(tz.status).toBe(2);
    expect(tz.stderr).toMatch(/^omrecon report: --tz must be an IANA time zone/);
    const missing = run([], { OMRECON_DB: "/nonexistent/db.sqlite" });
    expect(missing.status).toBe(2);
    expect(missing.stderr).toBe(
      "omrecon report: database /nonexistent/db.sqlite does not exist; run `pnpm sync` first or pass --db\n",
    );
    expect(missing.stdout).toBe("");
  });

  it("cuts bare --from/--to dates at midnight of --tz and refuses a bad --period or --format in one line", async () => {
    const dir = mkdtempSync(join(tmpdir(), "omrecon-app-report-"));
    const db = join(dir, "db.sqlite");
    await (await openStore(db)).close();
    const r = run(
      ["--json", "--out", join(dir, "out"), "--from", "2026-03-29", "--to", "2026-03-30", "--tz", "Europe/Berlin"],
      { OMRECON_DB: db },
    );
    expect(r.status).toBe(0);
    expect(JSON.parse(r.stdout).window).toEqual({ from: "2026-03-28T23:00:00.000Z", to: "2026-03-29T22:00:00.000Z" });
    const period = run(["--period", "last-year"], { OMRECON_DB: db });
    expect(period.status).toBe(2);
    expect(period.stderr).toBe(
      'omrecon report: --period must be one of yesterday, last-week, last-month, month-to-date, got "last-year"\n',
    );
    const format = run(["--format", "pdf"], { OMRECON_DB: db });
    expect(format.status).toBe(2);
    expect(format.stderr).toBe(
      'omrecon report: --format must be csv, xlsx, html or a comma-separated list of them (csv,xlsx,html), got "pdf"\n',
    );
  });

  it("says in one line, exit 2, when --out is a file or sits under one", async () => {
    const dir = mkdtempSync(join(tmpdir(), "omrecon-app-report-"));
    const db = join(dir, "db.sqlite");
    await (await openStore(db)).close();
    const file = join(dir, "not-a-folder");
    writeFileSync(file, "x");
    for (const out of [file, join(file, "sub")]) {
      const r = run(["--out", out], { OMRECON_DB: db });
      expect(r.status).toBe(2);
      expect(r.stderr).toMatch(
        /^omrecon report: (--out .* is a file, not a folder|cannot write the report into .*: a file stands where a folder must be); pass/,
      );
      expect(r.stderr.trim().split("\n")).toHaveLength(1);
      expect(r.stderr).not.toMatch(/EEXIST|ENOTDIR|EACCES|unexpected/);
    }
  });

  it("exits 2 naming the day and the side when the bridge does not close, and replaces no file", async () => {
    const dir = mkdtempSync(join(tmpdir(), "omrecon-app-report-"));
    const db = join(dir, "db.sqlite");
    const store = await openStore(db);
    await testDatabase(store)
      .db.insertInto("reconciliation_runs")
      .values({
        started_at: "2026-04-08T00:00:00.000Z",
        window_from: "2026-04-01T00:00:00.000Z",
        window_to: "2026-04-08T00:00:00.000Z",
        as_of: "2026-04-08T00:00:00.000Z",
        status: "done",
        orders: 0,
        transfers: 0,
        matched: 0,
        findings: 0,
        new_findings: 0,
        options: "{}",
      })
      .execute();
    // Completed and paid by memo, but no reconciliation concluded anything about it.
    await testDatabase(store)
      .db.insertInto("orders")
      .values({
        id: 7,
        status: "completed",
        order_type: "stars",
        stars_amount: 100,
        premium_months: null,
        recipient_username: "pandus",
        price_nano: 418_000_000n,
        payment_method: "ton_memo",
        payment_currency: "TON",
        payment_address: null,
        payment_address_raw: null,
        payment_memo: "STARS-7",
        client_reference: null,
        tx_hash: null,
        expires_at: null,
        created_at: "2026-04-03T10:00:00.000Z",
        updated_at: null,
        paid_at: null,
        completed_at: null,
        extra: "{}",
        synced_at: "2026-04-08T00:00:00.000Z",
      })
      .execute();
    await store.close();
    const out = join(dir, "out");
    const r = run(["--out", out, "--from", "2026-04-01", "--to", "2026-04-08"], { OMRECON_DB: db });
    expect(r.status).toBe(2);
    expect(r.stdout).toBe("");
    expect(r.stderr).toMatch(
      /^omrecon report: the bridge does not close for 2026-04-03 \(orders side\): .*order 7 was never reconciled; reconcile the days around it again \(pnpm reconcile --from 2026-04-02 --to 2026-04-05\), then report\n$/,
    );
    expect(existsSync(join(out, "orders.csv"))).toBe(false);
  });

  it("prints help", () => {
    const r = run(["--help"]);
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/^Usage: omrecon report/);
  });
});
