import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { openStore } from "@omrecon/store";
import { describe, expect, it } from "vitest";

const bin = join(dirname(fileURLToPath(import.meta.url)), "..", "..", "dist", "bin.js");

function run(args: string[], env: Record<string, string> = {}) {
  const r = spawnSync(process.execPath, [bin, "report", ...args], {
    encoding: "utf8",
    env: { PATH: process.env.PATH ?? "", ...env },
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
    ]);
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

  it("prints help", () => {
    const r = run(["--help"]);
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/^Usage: omrecon report/);
  });
});
