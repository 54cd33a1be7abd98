import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { openStore } from "@omrecon/store";
import { describe, expect, it } from "vitest";

const root = join(dirname(fileURLToPath(import.meta.url)), "..", "..", "..");
const runScript = join(root, "scripts", "run.mjs");
const scripts = (JSON.parse(readFileSync(join(root, "package.json"), "utf8")) as { scripts: Record<string, string> })
  .scripts;
const ALIASES = ["check", "sync", "reconcile", "report", "nightly", "sandbox", "demo", "bench"];

/** `node scripts/run.mjs …` from the repository root, as `pnpm <alias> …` runs it. */
function run(args: string[], env: Record<string, string> = {}) {
  const r = spawnSync(process.execPath, [runScript, ...args], {
    cwd: root,
    encoding: "utf8",
    env: { PATH: process.env.PATH ?? "", OMRECON_SKIP_BUILD: "1", OMRECON_LOG_FORMAT: "pretty", ...env },
  });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr, first: (r.stdout || r.stderr).split("\n")[0] };
}

const hasPnpm = spawnSync("pnpm", ["--version"], { encoding: "utf8" }).status === 0;

describe("pnpm aliases through scripts/run.mjs (child processes)", () => {
  it("has one root script per alias that runs the one program with the command first", () => {
    expect(scripts.omrecon).toBe("node scripts/run.mjs");
    for (const alias of ALIASES) expect(scripts[alias], alias).toBe(`node scripts/run.mjs ${alias}`);
  });

  it.each(ALIASES)("pnpm %s --help: exit 0, the command's usage first", (alias) => {
    const r = run([alias, "--help"]);
    expect(r.status).toBe(0);
    expect(r.first).toMatch(new RegExp(`^Usage: omrecon ${alias}\\b`));
  });

  it("keeps each command's exit status and first line for bad input", () => {
    const cases: [string[], RegExp][] = [
      [["sync", "--lookback-days", "x"], /^omrecon sync: --lookback-days must be a whole number/],
      [["reconcile", "--fail-on", "loud"], /^omrecon reconcile: --fail-on must be one of critical/],
      [["report", "--tz", "Mars/Base"], /^omrecon report: --tz must be an IANA time zone/],
      [["nightly", "--grace-minutes=-1"], /^omrecon nightly: --grace-minutes must be between 0 and 525600/],
      [["sandbox", "--ordrs", "5"], /^omrecon sandbox: Unknown option '--ordrs'; did you mean --orders\?/],
      [["demo", "--orders", "5"], /^omrecon demo: --orders must be between 200 and 1000000/],
      [["bench", "--stages", "nope"], /^omrecon bench: --stages takes a comma-separated list/],
    ];
    for (const [args, first] of cases) {
      const r = run(args, { OMRECON_DB: "/nonexistent/omrecon.sqlite" });
      expect(r.status, args.join(" ")).toBe(2);
      expect(r.stdout, args.join(" ")).toBe("");
      expect(r.first, args.join(" ")).toMatch(first);
    }
  });

  it("pnpm omrecon: top-level help, version, did-you-mean", () => {
    const help = run(["--help"]);
    expect([help.status, help.first]).toEqual([0, "Usage: omrecon <command> [options]"]);
    const version = run(["--version"]);
    expect(version.status).toBe(0);
    expect(version.first).toMatch(/^omrecon \d+\.\d+\.\d+ \(Node\.js v\d+/);
    const typo = run(["recocile"]);
    expect([typo.status, typo.first]).toEqual([
      2,
      'omrecon: unknown command "recocile"; did you mean reconcile? (see omrecon --help)',
    ]);
  });

  it("prints only the JSON document on stdout under --json", async () => {
    const dir = mkdtempSync(join(tmpdir(), "omrecon-alias-"));
    const db = join(dir, "db.sqlite");
    await (await openStore(db)).close();
    const r = run(["report", "--json", "--out", join(dir, "out"), "--from", "2026-04-01", "--to", "2026-04-02"], {
      OMRECON_DB: db,
    });
    expect(r.status).toBe(0);
    expect(r.stderr).toBe("");
    // The four CSV files, the workbook, the summary page and the manifest (docs/cli.md#report-files).
    expect(JSON.parse(r.stdout).files.map((f: { file: string }) => f.file)).toEqual([
      "orders.csv",
      "daily_summary.csv",
      "findings.csv",
      "balance_ledger.csv",
      "omrecon-report.xlsx",
      "summary.html",
      "manifest.json",
    ]);
  });

  it("builds what the program needs before it runs (a no-op when built) unless OMRECON_SKIP_BUILD=1", () => {
    const r = run(["--version"], { OMRECON_SKIP_BUILD: "" });
    expect(r.stderr).toBe("");
    expect([r.status, r.first]).toEqual([0, run(["--version"]).first]);
  });

  it.skipIf(!hasPnpm)(
    "pnpm itself runs the aliases and pnpm -s omrecon --json prints only JSON (needs pnpm on PATH)",
    () => {
      const pnpm = (args: string[]) =>
        spawnSync("pnpm", args, { cwd: root, encoding: "utf8", env: { ...process.env, OMRECON_SKIP_BUILD: "1" } });
      const help = pnpm(["omrecon", "--help"]);
      expect(help.status).toBe(0);
      expect(help.stdout.split("\n")[0]).toBe("Usage: omrecon <command> [options]");
      const version = pnpm(["-s", "omrecon", "--version", "--json"]);
      expect(version.status).toBe(0);
      expect(JSON.parse(version.stdout)).toMatchObject({ node: process.versions.node });
      const typo = pnpm(["-s", "omrecon", "recocile"]);
      expect(typo.status).toBe(2);
      expect(typo.stderr).toContain("did you mean reconcile?");
      const sync = pnpm(["sync", "--help"]);
      expect([sync.status, sync.stdout.split("\n")[0]]).toEqual([0, expect.stringMatching(/^Usage: omrecon sync/)]);
    },
  );
});
