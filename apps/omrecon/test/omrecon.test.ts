import { spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { PassThrough } from "node:stream";
import { fileURLToPath } from "node:url";
import { runMain } from "@omrecon/cli";
import { describe, expect, it } from "vitest";
import { COMMANDS, commandLabel, omreconMain } from "../src/index.js";

const app = join(dirname(fileURLToPath(import.meta.url)), "..");
const bin = join(app, "dist", "bin.js");
const version = (JSON.parse(readFileSync(join(app, "package.json"), "utf8")) as { version: string }).version;

/** The built program as a child process: its exit status and what it printed. */
function omrecon(args: string[], env: Record<string, string> = {}) {
  const r = spawnSync(process.execPath, [bin, ...args], {
    encoding: "utf8",
    env: { PATH: process.env.PATH ?? "", OMRECON_LOG_FORMAT: "pretty", ...env },
  });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** omreconMain in this process, through runMain as the entry file calls it. */
async function inProcess(argv: string[]) {
  const out = { stdout: "", stderr: "" };
  const stdout = new PassThrough().on("data", (c) => (out.stdout += String(c)));
  const stderr = new PassThrough().on("data", (c) => (out.stderr += String(c)));
  let status = -1;
  const env = { OMRECON_LOG_FORMAT: "pretty" };
  await runMain(() => omreconMain(argv, { env, stdout, stderr, now: () => new Date() }), {
    command: commandLabel(argv),
    env,
    stderr,
    exit: (code) => {
      status = code;
    },
  });
  return { status, ...out };
}

describe("omrecon (built program)", () => {
  it("lists every command with one line each on --help, and exits 0", () => {
    const r = omrecon(["--help"]);
    expect(r.status).toBe(0);
    expect(r.stderr).toBe("");
    expect(r.stdout).toMatch(/^Usage: omrecon <command> \[options\]\n/);
    for (const name of ["check", "sync", "reconcile", "resolve", "report", "nightly", "sandbox", "demo", "bench"]) {
      expect(r.stdout).toMatch(new RegExp(`^  ${name} +\\S.*$`, "m"));
    }
    expect(omrecon(["-h"]).stdout).toBe(r.stdout);
    expect(omrecon(["help"]).stdout).toBe(r.stdout);
  });

  it("prints its version and Node's on one line with --version, and as JSON with --json", () => {
    const r = omrecon(["--version"]);
    expect([r.status, r.stderr]).toEqual([0, ""]);
    expect(r.stdout).toBe(`omrecon ${version} (Node.js ${process.version}, ${process.platform}-${process.arch})\n`);
    expect(omrecon(["-V"]).stdout).toBe(r.stdout);
    const json = omrecon(["--version", "--json"]);
    expect(JSON.parse(json.stdout)).toEqual({
      omrecon: version,
      node: process.versions.node,
      platform: `${process.platform}-${process.arch}`,
    });
  });

  it("suggests the command a typo meant in one line on stderr, and exits 2", () => {
    const r = omrecon(["recocile", "--json"]);
    expect(r.status).toBe(2);
    expect(r.stdout).toBe("");
    expect(r.stderr).toBe('omrecon: unknown command "recocile"; did you mean reconcile? (see omrecon --help)\n');
    expect(omrecon(["snyc"]).stderr).toMatch(/did you mean sync\?/);
  });

  it("names the commands for an unknown command close to none, and exits 2", () => {
    const r = omrecon(["frobnicate"]);
    expect(r.status).toBe(2);
    expect(r.stdout).toBe("");
    expect(r.stderr).toBe(
      'omrecon: unknown command "frobnicate"; the commands are check, sync, reconcile, resolve, runs, findings, alerts, report, nightly, sandbox, demo, bench (see omrecon --help)\n',
    );
  });

  it("prints the help on stderr and exits 2 when no command is given", () => {
    const r = omrecon([]);
    expect(r.status).toBe(2);
    expect(r.stdout).toBe("");
    expect(r.stderr).toMatch(/^Usage: omrecon <command> \[options\]\n/);
    expect(r.stderr).toContain("  reconcile  ");
  });

  it("refuses a flag before the command with one line saying where flags go", () => {
    const r = omrecon(["--db", "x.sqlite", "sync"]);
    expect(r.status).toBe(2);
    expect(r.stderr).toBe(
      'omrecon: unknown option "--db" before the command; flags go after it, e.g. omrecon sync --db PATH (see omrecon --help)\n',
    );
  });

  it("prints a command's own help for `omrecon <command> --help` and `omrecon help <command>`", () => {
    for (const command of COMMANDS) {
      const r = omrecon([command.name, "--help"]);
      expect(r.status, command.name).toBe(0);
      expect(r.stdout.split("\n")[0], command.name).toMatch(new RegExp(`^Usage: omrecon ${command.name}\\b`));
      expect(omrecon(["help", command.name]).stdout, command.name).toBe(r.stdout);
    }
  });

  it("suggests the flag a typo meant, naming the command and pointing at --help", () => {
    const r = omrecon(["nightly", "--fial-on", "never"]);
    expect(r.status).toBe(2);
    expect(r.stderr).toBe("omrecon nightly: Unknown option '--fial-on'; did you mean --fail-on? (see --help)\n");
  });
});

describe("omreconMain", () => {
  it("runs resolve both as a command and as `reconcile resolve`, with the same help", async () => {
    const top = await inProcess(["resolve", "--help"]);
    const nested = await inProcess(["reconcile", "resolve", "--help"]);
    expect(top.status).toBe(0);
    expect(top.stdout).toMatch(/^Usage: omrecon resolve KEY --note/);
    expect(nested.stdout).toBe(top.stdout);
  });

  it("labels a command's errors with the command, and errors before any command with omrecon alone", async () => {
    expect(commandLabel(["report", "--out", "x"])).toBe("omrecon report");
    expect(commandLabel(["reprot"])).toBe("omrecon");
    expect(commandLabel([])).toBe("omrecon");
    const r = await inProcess(["resolve", "underpaid:1"]);
    expect(r.status).toBe(2);
    expect(r.stderr).toBe('omrecon resolve: --note "why" is required to resolve a finding (see --help)\n');
  });

  it("escapes a hostile command word instead of echoing control characters", async () => {
    const r = await inProcess(["\u001b[2Jsync"]);
    expect(r.status).toBe(2);
    expect(r.stderr).not.toContain("\u001b");
    expect(r.stderr).toMatch(/^omrecon: unknown command "\\u001b\[2Jsync"/);
  });
});
