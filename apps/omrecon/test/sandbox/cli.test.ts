import { spawn, spawnSync } from "node:child_process";
import { dirname, join } from "node:path";
import { PassThrough } from "node:stream";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { parsePlant, sandboxMain } from "../../src/index.js";

const bin = join(dirname(fileURLToPath(import.meta.url)), "..", "..", "dist", "bin.js");

function collect() {
  const stream = new PassThrough();
  let text = "";
  stream.on("data", (chunk) => {
    text += String(chunk);
  });
  return { stream, text: () => text };
}

describe("parsePlant", () => {
  it("reads counts and rates per finding kind", () => {
    expect(parsePlant("underpaid=3, orphan_transfer=0.001,balance_mismatch=1")).toEqual({
      underpaid: 3,
      orphan_transfer: { rate: 0.001 },
      balance_mismatch: 1,
    });
  });

  it("refuses an unknown kind or a value that is neither count nor rate", () => {
    expect(() => parsePlant("underpayed=3")).toThrow(/finding kinds/);
    expect(() => parsePlant("underpaid=lots")).toThrow(/count nor a rate/);
    expect(() => parsePlant("underpaid")).toThrow(/KIND=N/);
  });
});

describe("sandboxMain", () => {
  it("prints the env lines on stdout and the URLs and key on stderr, then stops when told", async () => {
    const out = collect();
    const err = collect();
    const code = await sandboxMain(
      ["--seed", "3", "--orders", "200", "--now", "2026-04-16T12:00:00Z"],
      { env: {}, stdout: out.stream, stderr: err.stream, now: () => new Date() },
      async () => {
        const line = out.text().split("\n")[0]!;
        const base = line.replace(/^export OPENMONEY_BASE_URL=/, "");
        expect((await fetch(`${base}/health`)).status).toBeLessThan(500);
      },
    );
    expect(code).toBe(0);
    const lines = out.text().trim().split("\n");
    expect(lines.map((l) => l.split("=")[0])).toEqual([
      "export OPENMONEY_BASE_URL",
      "export OPENMONEY_API_KEY",
      "export TON_ENDPOINT",
      "export TON_API_KEY",
    ]);
    expect(err.text()).toContain("seed 3, 200 orders over 7 days");
    expect(err.text()).toContain("osk_");
    expect(err.text()).toContain("stopped");
  });

  it("prints one JSON document with --json, amounts as strings", async () => {
    const out = collect();
    const err = collect();
    await sandboxMain(
      ["--json", "--orders", "300", "--plant", "underpaid=2", "--now", "2026-04-16T12:00:00Z"],
      { env: {}, stdout: out.stream, stderr: err.stream, now: () => new Date() },
      async () => {},
    );
    const doc = JSON.parse(out.text());
    expect(doc.api_key).toMatch(/^osk_/);
    expect(doc.env).toHaveLength(4);
    expect(doc.truth.counts.underpaid).toBe(2);
    expect(typeof doc.truth.findings[0].expected_nano).toBe("string");
    expect(err.text()).toBe("");
  });
});

describe("omrecon sandbox (built CLI)", () => {
  it("exits 2 with one line for an unknown flag or a world too small", () => {
    const bad = spawnSync(process.execPath, [bin, "sandbox", "--ordrs", "5"], { encoding: "utf8" });
    expect(bad.status).toBe(2);
    expect(bad.stderr.trim().split("\n")).toHaveLength(1);
    expect(bad.stderr).toContain("--ordrs");
    const small = spawnSync(process.execPath, [bin, "sandbox", "--orders", "3", "--plant", "underpaid=9"], {
      encoding: "utf8",
    });
    expect(small.status).toBe(2);
    expect(small.stderr).toContain("too small");
  });

  it("stays up serving until SIGTERM, then closes and exits 0", async () => {
    const child = spawn(process.execPath, [bin, "sandbox", "--orders", "100"], { stdio: ["ignore", "pipe", "pipe"] });
    let stdout = "";
    const base = await new Promise<string>((resolve, reject) => {
      child.stdout.on("data", (chunk) => {
        stdout += String(chunk);
        const m = /^export OPENMONEY_BASE_URL=(\S+)$/m.exec(stdout);
        if (m) resolve(m[1]!);
      });
      child.once("exit", (code) => reject(new Error(`exited early with ${code}`)));
    });
    expect((await fetch(`${base}/health`)).status).toBeLessThan(500);
    const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
    child.kill("SIGTERM");
    expect(await exited).toBe(0);
  });
});
