import { spawnSync } from "node:child_process";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { databaseWithUnderpaidOrder } from "./helpers.js";

const bin = join(dirname(fileURLToPath(import.meta.url)), "..", "..", "dist", "bin.js");

function run(args: string[], env: Record<string, string> = {}) {
  const r = spawnSync(process.execPath, [bin, "reconcile", ...args], {
    encoding: "utf8",
    env: { PATH: process.env.PATH ?? "", OMRECON_LOG_FORMAT: "pretty", ...env },
  });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe("omrecon reconcile (built CLI)", () => {
  it("prints help on stdout and exits 0", () => {
    const r = run(["--help"]);
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/^Usage: omrecon reconcile \[options\]/);
    expect(r.stdout).toContain("resolve KEY");
  });

  it("exits 2 with one line for a bad flag, a bad --fail-on, a bad tolerance, or a missing key or database", () => {
    const bad = run(["--tolerance", "1"]);
    expect([bad.status, bad.stderr]).toEqual([
      2,
      "omrecon reconcile: Unknown option '--tolerance'; did you mean --tolerance-ton? (see --help)\n",
    ]);
    const failOn = run(["--fail-on", "sometimes"]);
    expect(failOn.status).toBe(2);
    expect(failOn.stderr).toMatch(/^omrecon reconcile: --fail-on must be one of critical, warning, info, never/);
    const tolerance = run(["--tolerance-ton=-1"]);
    expect(tolerance.status).toBe(2);
    expect(tolerance.stderr).toMatch(/--tolerance-ton must not be negative/);
    const noKey = run([], { OMRECON_DB: "/nonexistent/db.sqlite" });
    expect(noKey.status).toBe(2);
    expect(noKey.stderr).toMatch(/^omrecon reconcile: OPENMONEY_API_KEY is not set/);
    const noDb = run([], { OMRECON_DB: "/nonexistent/db.sqlite", OPENMONEY_API_KEY: "osk_test_0123456789" });
    expect(noDb.status).toBe(2);
    expect(noDb.stderr).toBe(
      "omrecon reconcile: database /nonexistent/db.sqlite does not exist; run `pnpm sync` first or pass --db\n",
    );
    expect(noDb.stdout).toBe("");
  });

  it("resolves a finding from the command line, and exits 2 for a key it does not know", async () => {
    const { path, key } = await databaseWithUnderpaidOrder();
    const ok = run(["resolve", key, "--note", "refunded", "--by", "ana", "--db", path]);
    expect(ok.status).toBe(0);
    expect(ok.stderr).toMatch(/^resolved underpaid:10421 \(by ana at /);
    expect(ok.stdout).toBe("");
    const unknown = run(["resolve", "orphan_transfer:00", "--note", "x", "--db", path]);
    expect(unknown.status).toBe(2);
    expect(unknown.stderr).toMatch(
      /^omrecon reconcile: no finding with a key starting "orphan_transfer:00" in .*db\.sqlite; omrecon findings --status all lists the keys\n$/,
    );
  });
});
