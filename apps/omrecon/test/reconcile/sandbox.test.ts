import { spawn } from "node:child_process";
import { createHmac } from "node:crypto";
import { createServer, type IncomingHttpHeaders } from "node:http";
import type { AddressInfo } from "node:net";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { OpenMoneyClient } from "@omrecon/client";
import { FINDING_KINDS, type FindingKind } from "@omrecon/core";
import { type Sandbox, startSandbox } from "@omrecon/sandbox";
import { openStore } from "@omrecon/store";
import { runSync } from "@omrecon/sync";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { tempDbPath } from "./helpers.js";

const bin = join(dirname(fileURLToPath(import.meta.url)), "..", "..", "dist", "bin.js");

/** Runs the built CLI without blocking this process, which serves the sandbox. */
function run(args: string[], env: Record<string, string>) {
  return new Promise<{ status: number | null; stdout: string; stderr: string }>((resolve) => {
    const child = spawn(process.execPath, [bin, "reconcile", ...args], {
      env: { PATH: process.env.PATH ?? "", OMRECON_LOG_FORMAT: "pretty", ...env },
    });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (c) => (stdout += c));
    child.stderr.on("data", (c) => (stderr += c));
    child.on("close", (status) => resolve({ status, stdout, stderr }));
  });
}

describe("pnpm reconcile against a sandbox (built CLI)", () => {
  const posts: { headers: IncomingHttpHeaders; body: string }[] = [];
  const hook = createServer((req, res) => {
    let body = "";
    req.on("data", (c) => (body += c));
    req.on("end", () => {
      posts.push({ headers: req.headers, body });
      res.end("ok");
    });
  });
  let sb: Sandbox;
  let env: Record<string, string>;
  let window: string[];

  beforeAll(async () => {
    const plant = Object.fromEntries(FINDING_KINDS.map((k) => [k, 1])) as Record<FindingKind, number>;
    sb = await startSandbox({ seed: 5, orders: 300, days: 3, plant, tricky: true });
    await new Promise<void>((r) => hook.listen(0, "127.0.0.1", r));
    const db = tempDbPath();
    const store = await openStore(db);
    const client = new OpenMoneyClient({ apiKey: sb.apiKey, baseUrl: sb.apiUrl });
    await runSync({ source: client, store, now: () => new Date(sb.now()) });
    await client.close();
    await store.close();
    env = {
      OPENMONEY_API_KEY: sb.apiKey,
      OPENMONEY_BASE_URL: sb.apiUrl,
      TON_ENDPOINT: sb.tonEndpoint,
      OMRECON_DB: db,
      OMRECON_WEBHOOK_URL: `http://127.0.0.1:${(hook.address() as AddressInfo).port}/alerts`,
      OMRECON_WEBHOOK_SECRET: "s3cret-for-hmac",
    };
    window = ["--from", sb.truth.window.from, "--to", sb.truth.window.to];
  });
  afterAll(async () => {
    hook.closeAllConnections();
    await new Promise<void>((r) => hook.close(() => r()));
    await sb.stop();
  });

  it("prints only the run's JSON on stdout, the summary on stderr, alerts once, and exits 1 on findings", async () => {
    const r = await run([...window, "--json"], env);
    expect(r.status).toBe(1);
    const doc = JSON.parse(r.stdout);
    expect(doc.findings.map((f: { key: string }) => f.key).sort()).toEqual(sb.truth.findings.map((f) => f.key).sort());
    expect(doc.findings.every((f: { new: boolean }) => f.new)).toBe(true);
    expect(doc.window).toEqual({ from: sb.truth.window.from, to: sb.truth.window.to });
    expect(r.stderr).toMatch(/^critical \d+ \(\d+ new\)$/m);
    expect(r.stderr).toMatch(/^warning \d+/m);
    expect(r.stderr).toMatch(/^info \d+/m);
    expect(r.stdout + r.stderr).not.toContain(sb.apiKey);

    expect(posts).toHaveLength(1);
    const { headers, body } = posts[0]!;
    expect(headers["x-omrecon-signature"]).toBe(
      `sha256=${createHmac("sha256", "s3cret-for-hmac").update(body).digest("hex")}`,
    );
    expect(JSON.parse(body)).toMatchObject({ type: "findings.new", data: { run_id: doc.run_id } });
    expect(JSON.parse(body).data.findings).toHaveLength(doc.findings.length);
  });

  it("reruns with the same keys, nothing new, no alert, and still exits 1 for the open findings", async () => {
    const r = await run([...window, "--json"], env);
    expect(r.status).toBe(1);
    const doc = JSON.parse(r.stdout);
    expect(doc.totals.new_findings).toBe(0);
    expect(doc.findings.some((f: { new: boolean }) => f.new)).toBe(false);
    expect(posts).toHaveLength(1);
    expect((await run([...window, "--fail-on", "never"], env)).status).toBe(0);
  });

  it("exits 2 with one line naming the cause when the partner API refuses the key, and alerts run.failed", async () => {
    const r = await run(window, { ...env, OPENMONEY_API_KEY: "osk_wrong_key_1234567890" });
    expect(r.status).toBe(2);
    expect(r.stderr.trim().split("\n").at(-1)).toMatch(/^omrecon reconcile: .*refused the key.*OPENMONEY_API_KEY/);
    expect(r.stderr).not.toContain("osk_wrong_key_1234567890");
    const failed = JSON.parse(posts.at(-1)!.body);
    expect(failed).toMatchObject({
      type: "run.failed",
      data: { command: "reconcile", step: "reconcile", exit_code: 2, code: "api_key_refused" },
    });
    expect(failed.data.reason).toMatch(/refused the key/);
    expect(posts.at(-1)!.body).not.toContain("osk_wrong_key_1234567890");
  });
});
