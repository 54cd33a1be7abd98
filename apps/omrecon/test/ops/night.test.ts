/**
 * The issue's acceptance, through the built program as cron runs it: a night with the TON endpoint
 * down leaves a run.failed alert (verified by the reference Standard Webhooks library) and a /fail
 * heartbeat; an alert a receiver missed goes out on the next run with the same id; a hostile
 * on-chain comment reaches Slack escaped; the metrics file passes promtool and its open-findings
 * gauge equals `findings --status open --json`'s count; PagerDuty gets trigger, then resolve.
 * All of it on SQLite and on Postgres.
 */
import { spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { type Sandbox, startSandbox } from "@omrecon/sandbox";
import { openStore, watchedAddresses } from "@omrecon/store";
import { testDialects } from "@omrecon/store/testing";
import { Webhook } from "standardwebhooks";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { deadPort, omrecon, type Receiver, startReceiver, tempDir } from "./harness.js";

const WHSEC = `whsec_${Buffer.alloc(32, 42).toString("base64")}`;
const HOSTILE = "<!channel> <https://evil.example|x> & *y*";
const PROMTOOL = ["/usr/bin/promtool", "/usr/local/bin/promtool"].find((p) => spawnSync(p, ["--version"]).status === 0);

// On both databases: the outbox, step_runs, the metrics and the history commands are store code.
for (const dialect of testDialects()) {
  describe.skipIf(dialect.skip !== null)(
    `every night leaves a signal (built program) [${dialect.title}]`,
    { timeout: 180_000 },
    () => {
      let sb: Sandbox;
      let hook: Receiver;
      let beat: Receiver;
      let window: string[];
      let base: Record<string, string>;
      beforeEach(async () => {
        sb = await startSandbox({ seed: 16, orders: 200, days: 3, plant: { underpaid: 1 } });
        hook = await startReceiver("/alerts");
        beat = await startReceiver("/ping/0c5a1d2e");
        window = ["--from", sb.truth.window.from, "--to", sb.truth.window.to];
        base = {
          OPENMONEY_API_KEY: sb.apiKey,
          OPENMONEY_BASE_URL: sb.apiUrl,
          TON_ENDPOINT: sb.tonEndpoint,
          OMRECON_DB: dialect.name === "sqlite" ? join(tempDir(), "omrecon.sqlite") : await dialect.location(),
          OMRECON_WEBHOOK_URL: hook.url,
          OMRECON_WEBHOOK_SECRET: WHSEC,
          OMRECON_HEARTBEAT_URL: beat.url,
        };
      });
      afterEach(async () => {
        await hook.close();
        await beat.close();
        await sb.stop();
      });

      it("a night with the TON endpoint down: exit 2, a verified run.failed alert, /start then /fail with the reason", async () => {
        const port = await deadPort();
        const endpoint = `http://127.0.0.1:${port}/api/v2/jsonRPC`;
        const r = await omrecon(["nightly", "--out", tempDir(), ...window], { ...base, TON_ENDPOINT: endpoint });
        expect(r.status).toBe(2);
        const store = await openStore(base.OMRECON_DB!);
        const watched = await watchedAddresses(store.db);
        await store.close();
        const reason =
          `the chain could not be read (failed, ${watched.length} of ${watched.length} addresses); ${watched[0]}: ` +
          `TON_ENDPOINT ${endpoint}: the TON API could not be reached (ECONNREFUSED) (6 requests); ` +
          "the cursor was not moved: rerun later, or check TON_ENDPOINT and TON_API_KEY";
        expect(r.last).toBe(`omrecon nightly: ${reason}`);

        expect(hook.received).toHaveLength(1);
        const alert = hook.received[0]!;
        const event = new Webhook(WHSEC).verify(alert.body, alert.headers as Record<string, string>);
        expect(event).toMatchObject({
          type: "run.failed",
          data: { command: "nightly", step: "reconcile", exit_code: 2, code: "chain_unreadable", reason },
        });
        expect(beat.received.map((p) => [p.method, p.path])).toEqual([
          ["POST", "/ping/0c5a1d2e/start"],
          ["POST", "/ping/0c5a1d2e/fail"],
        ]);
        expect(beat.received[1]!.body).toBe(`omrecon nightly: ${reason}`);
        for (const text of [r.stdout, r.stderr, alert.body, beat.received[1]!.body])
          expect(text).not.toContain(sb.apiKey);

        // `runs` shows the failed run with that line; the next good night says the night works again.
        const runs = JSON.parse((await omrecon(["runs", "--json"], base)).stdout).runs;
        expect(runs[0]).toMatchObject({ status: "failed", error: reason });
        const good = await omrecon(["nightly", "--out", tempDir(), ...window], base);
        expect(good.status).toBe(1);
        expect(beat.received.map((p) => p.path).slice(2)).toEqual(["/ping/0c5a1d2e/start", "/ping/0c5a1d2e"]);
        const types = hook.received.map((p) => JSON.parse(p.body).type);
        expect(types).toEqual(["run.failed", "findings.new", "run.recovered"]);
      });

      it("a receiver down for one run gets the alert on the next run with the same id", async () => {
        const down = { ...base, OMRECON_WEBHOOK_URL: `http://127.0.0.1:${await deadPort()}/alerts` };
        expect((await omrecon(["sync"], down)).status).toBe(0);
        const first = await omrecon(["reconcile", ...window], down);
        expect(first.status).toBe(1);
        expect(first.stderr).toMatch(
          /^alerts: 1 not delivered yet \(OMRECON_WEBHOOK_URL \(http:\/\/127\.0\.0\.1:\d+\/…\) could not be reached \(ECONNREFUSED\)\); the next run sends them with the same ids \(omrecon alerts lists them\)$/m,
        );
        const pending = JSON.parse((await omrecon(["alerts", "--json"], down)).stdout);
        expect(pending).toMatchObject({ status: "pending", count: 1, alerts: [{ type: "findings.new", attempts: 4 }] });
        const id: string = pending.alerts[0].id;

        const next = await omrecon(["reconcile", ...window], base);
        expect(next.status).toBe(1);
        expect(hook.received).toHaveLength(1);
        const got = hook.received[0]!;
        expect(got.headers["webhook-id"]).toBe(id);
        const event = new Webhook(WHSEC).verify(got.body, got.headers as Record<string, string>) as {
          data: { run_id: number; findings: { kind: string }[] };
        };
        expect(event.data.run_id).toBe(1);
        expect(event.data.findings.map((f) => f.kind)).toEqual(["underpaid"]);
        expect(JSON.parse((await omrecon(["alerts", "--json"], base)).stdout).count).toBe(0);
        const delivered = JSON.parse((await omrecon(["alerts", "--status", "delivered", "--json"], base)).stdout);
        expect(delivered.alerts.map((a: { id: string }) => a.id)).toEqual([id]);
      });

      it("a hostile on-chain comment reaches Slack escaped; the metrics pass promtool and count what `findings` lists", async () => {
        const order = sb.world.orders.find((o) => o.payment_memo !== null && o.status === "completed")!;
        sb.advance(60_000);
        sb.payOrder(order.id, { comment: HOSTILE, amount: 1_000_000_000n, recognize: false });
        const to = new Date(sb.now() + 60_000).toISOString();
        const slack = { ...base, OMRECON_WEBHOOK_FORMAT: "slack" };
        const metrics = join(tempDir(), "omrecon.prom");
        const gateway = await startReceiver("/");
        try {
          expect((await omrecon(["sync"], slack)).status).toBe(0);
          const r = await omrecon(
            ["reconcile", "--from", sb.truth.window.from, "--to", to, "--metrics-file", metrics],
            {
              ...slack,
              OMRECON_PUSHGATEWAY_URL: gateway.url.replace(/\/$/, ""),
            },
          );
          expect(r.status).toBe(1);
          const body = hook.received[0]!.body;
          expect(body).not.toContain("<!channel>");
          expect(body).not.toContain("<https://evil.example|x>");
          const message = JSON.parse(body);
          const orphan = message.blocks.find((b: { text?: { text: string } }) =>
            b.text?.text.includes("orphan_transfer"),
          );
          expect(orphan.text).toMatchObject({ type: "mrkdwn", verbatim: true });
          expect(orphan.text.text).toContain(
            'with comment "&lt;!channel&gt; &lt;https://evil.example|x&gt; &amp; *y*"',
          );

          const text = readFileSync(metrics, "utf8");
          const listed = JSON.parse((await omrecon(["findings", "--status", "open", "--json"], base)).stdout);
          const gauge = [...text.matchAll(/^omrecon_open_findings\{[^}]*\} (\d+)$/gm)].reduce(
            (n, m) => n + Number(m[1]),
            0,
          );
          expect(gauge).toBe(listed.count);
          expect(listed.count).toBe(2);
          expect(text).toMatch(/^omrecon_last_run_success\{step="reconcile"\} 1$/m);
          expect(text).toMatch(
            /^omrecon_last_run_api_requests\{step="reconcile",api="ton",route="getTransactions",status="200"\} \d+$/m,
          );
          expect(gateway.received.map((p) => [p.method, p.path, p.body])).toEqual([
            ["PUT", "/metrics/job/omrecon", text],
          ]);
          if (PROMTOOL) {
            const checked = spawnSync(PROMTOOL, ["check", "metrics"], { input: text, encoding: "utf8" });
            expect([checked.status, `${checked.stdout}${checked.stderr}`.trim()]).toEqual([0, ""]);
          } else {
            console.log(
              "promtool not installed: `promtool check metrics` skipped (.ci/run installs Debian's prometheus)",
            );
          }
        } finally {
          await gateway.close();
        }
      });

      it("a database that cannot be opened still sends its run.failed alert (at once: nowhere to store it)", async () => {
        const folder = tempDir();
        const r = await omrecon(["sync"], { ...base, OMRECON_DB: folder });
        expect(r.status).toBe(2);
        const reason = `database unusable: cannot open ${folder}: it is a directory; point OMRECON_DB at a database file, e.g. ${folder}/omrecon.sqlite`;
        expect(r.last).toBe(`omrecon sync: ${reason}`);
        expect(hook.received).toHaveLength(1);
        const event = new Webhook(WHSEC).verify(
          hook.received[0]!.body,
          hook.received[0]!.headers as Record<string, string>,
        );
        expect(event).toMatchObject({
          type: "run.failed",
          data: { command: "sync", step: "sync", code: "store_unusable", reason },
        });
        expect(beat.received.map((p) => p.path)).toEqual(["/ping/0c5a1d2e/start", "/ping/0c5a1d2e/fail"]);
      });

      it("pagerduty: a new critical finding triggers, `resolve` by a key prefix resolves the same dedup_key", async () => {
        const pd = {
          ...base,
          OMRECON_WEBHOOK_FORMAT: "pagerduty",
          OMRECON_WEBHOOK_SECRET: "R0UTINGKEY0123456789abcdef012345",
        };
        expect((await omrecon(["sync"], pd)).status).toBe(0);
        expect((await omrecon(["reconcile", ...window], pd)).status).toBe(1);
        const [trigger] = hook.received.map((p) => JSON.parse(p.body));
        expect(trigger).toMatchObject({
          routing_key: "R0UTINGKEY0123456789abcdef012345",
          event_action: "trigger",
          dedup_key: expect.stringMatching(/^omrecon:underpaid:\d+$/),
          payload: { severity: "critical", class: "underpaid" },
        });
        const resolved = await omrecon(["resolve", "underpaid:", "--note", "refunded", "--by", "ana"], pd);
        expect(resolved.status).toBe(0);
        expect(hook.received.map((p) => JSON.parse(p.body)).at(-1)).toEqual({
          routing_key: "R0UTINGKEY0123456789abcdef012345",
          event_action: "resolve",
          dedup_key: trigger.dedup_key,
        });
      });
    },
  );
}
