import { Webhook } from "standardwebhooks";
import { describe, expect, it } from "vitest";
import {
  findingsNewEvent,
  findingsResolvedEvent,
  parseWebhookSecret,
  render,
  runFailedEvent,
  runRecoveredEvent,
  type WebhookSecret,
} from "../src/index.js";
import { AT, destination, HOSTILE, orphan, RUN, underpaid } from "./fixtures.js";

const WHSEC = `whsec_${Buffer.alloc(32, 7).toString("base64")}`;
const event = findingsNewEvent(RUN, [orphan(1), underpaid(2), underpaid(3, 100_000_000n)], AT)!;
const secret = (text: string) => parseWebhookSecret(text) as WebhookSecret;

/** The headers of one attempt, as the sender would send them. */
function attemptHeaders(req: ReturnType<typeof render>[number], at: Date): Record<string, string> {
  return { ...req.headers, ...req.perAttempt?.(at) };
}

describe("json: Standard Webhooks, verified by the reference library", () => {
  it("verifies with a whsec_ secret, carries the same webhook-id on every attempt, and keeps X-Omrecon-Signature", () => {
    const [req] = render(event, "msg_0123456789abcdef0123456789abcdef", destination({ secret: secret(WHSEC) }));
    const first = attemptHeaders(req!, new Date());
    const later = attemptHeaders(req!, new Date(Date.now() + 1_000));
    expect(first["webhook-id"]).toBe("msg_0123456789abcdef0123456789abcdef");
    expect(later["webhook-id"]).toBe(first["webhook-id"]);
    expect(first["webhook-signature"]).toMatch(/^v1,[A-Za-z0-9+/]+=*$/);
    const verified = new Webhook(WHSEC).verify(req!.body, first) as { type: string; data: { run_id: number } };
    expect(verified).toMatchObject({ type: "findings.new", timestamp: "2026-04-16T02:00:00Z", data: { run_id: 12 } });
    expect(new Webhook(WHSEC).verify(req!.body, later)).toEqual(verified);
    expect(first["x-omrecon-signature"]).toMatch(/^sha256=[0-9a-f]{64}$/);
  });

  it("fails verification for a changed body, another secret, or an old timestamp", () => {
    const [req] = render(event, "msg_1", destination({ secret: secret(WHSEC) }));
    const headers = attemptHeaders(req!, new Date());
    expect(() => new Webhook(WHSEC).verify(`${req!.body} `, headers)).toThrow(/No matching signature/);
    const other = `whsec_${Buffer.alloc(32, 8).toString("base64")}`;
    expect(() => new Webhook(other).verify(req!.body, headers)).toThrow(/No matching signature/);
    const old = attemptHeaders(req!, new Date(Date.now() - 10 * 60_000));
    expect(() => new Webhook(WHSEC).verify(req!.body, old)).toThrow(/too old/);
  });

  it("signs with a legacy secret's own bytes, which the library verifies as a raw key", () => {
    const [req] = render(event, "msg_2", destination({ secret: secret("plain-old-secret") }));
    const headers = attemptHeaders(req!, new Date());
    expect(new Webhook("plain-old-secret", { format: "raw" }).verify(req!.body, headers)).toMatchObject({
      type: "findings.new",
    });
  });

  it("refuses a whsec_ secret that is not base64 of 24 to 64 bytes, without echoing it", () => {
    expect(parseWebhookSecret("whsec_not base64!")).toEqual({
      problem: "is not whsec_ followed by base64 (Standard Webhooks' form)",
    });
    expect(parseWebhookSecret(`whsec_${Buffer.alloc(16).toString("base64")}`)).toEqual({
      problem: "holds 16 bytes after whsec_; Standard Webhooks wants 24 to 64 random bytes",
    });
  });

  it("sends no signature without a secret, and lists at most 50 findings of 138 (89 KB before: now bounded)", () => {
    const many = findingsNewEvent(
      RUN,
      Array.from({ length: 138 }, (_, i) => orphan(i + 1)),
      AT,
    )!;
    const [req] = render(many, "msg_3", destination());
    const headers = attemptHeaders(req!, new Date());
    expect(headers["webhook-signature"]).toBeUndefined();
    expect(headers["x-omrecon-signature"]).toBeUndefined();
    expect(headers["webhook-timestamp"]).toMatch(/^\d{10}$/);
    const body = JSON.parse(req!.body);
    expect(body.data.findings).toHaveLength(50);
    expect(body.data.findings_omitted).toBe(88);
    expect(Buffer.byteLength(req!.body)).toBeLessThan(40_000);
  });
});

describe("slack: outside text escaped, bounded", () => {
  it("escapes a hostile comment so no mention or link survives, in text and blocks alike", () => {
    const [req] = render(event, "msg_4", destination({ format: "slack" }));
    const body = req!.body;
    expect(body).not.toContain("<!channel>");
    expect(body).not.toContain("<https://evil.example|x>");
    expect(body).toContain("&lt;!channel&gt; &lt;https://evil.example|x&gt; &amp; *y*");
    const parsed = JSON.parse(body);
    expect(parsed.text).toBe("omrecon: 3 new findings (2 critical, 1 warning), 1.336000001 TON at stake");
    const texts = parsed.blocks.flatMap((b: { text?: { text: string; verbatim?: boolean; type: string } }) =>
      b.text?.type === "mrkdwn" ? [b.text] : [],
    );
    expect(texts.every((t: { verbatim?: boolean }) => t.verbatim === true)).toBe(true);
    // Every < and > left is one we wrote: none comes from outside text.
    expect(body.replace(/\\u003c|\\u003e/g, "")).not.toMatch(/<|>/);
  });

  it("lists the top findings by severity and amount and counts the rest, under 12 KB even for long messages", () => {
    const long = Array.from({ length: 138 }, (_, i) => orphan(i + 1, `${"<&>".repeat(2_000)}${i}`));
    const many = findingsNewEvent(RUN, [...long, underpaid(1)], AT)!;
    const [req] = render(many, "msg_5", destination({ format: "slack" }));
    expect(Buffer.byteLength(req!.body)).toBeLessThanOrEqual(12_000);
    const parsed = JSON.parse(req!.body);
    expect(parsed.blocks[2].text.text).toMatch(/^\*critical\* `underpaid:1`/);
    expect(parsed.blocks.at(-1).elements[0].text).toMatch(/^and \d+ more: `omrecon findings --status open`$/);
  });

  it("says a failed run in one message, escaping the reason; sends nothing for resolutions", () => {
    const failed = runFailedEvent(
      {
        command: "nightly",
        step: "reconcile",
        exit_code: 2,
        code: "chain_unreadable",
        reason: "the API said <!here> & left",
        host: "nightly-1",
      },
      AT,
    );
    const [req] = render(failed, "msg_6", destination({ format: "slack" }));
    expect(JSON.parse(req!.body).text).toBe(
      "omrecon nightly (reconcile step) failed on nightly-1: the API said &lt;!here&gt; &amp; left",
    );
    const resolved = findingsResolvedEvent([underpaid(2)], { at: AT, runId: 13, reason: "no_longer_found" })!;
    expect(render(resolved, "msg_7", destination({ format: "slack" }))).toEqual([]);
  });
});

describe("teams: an Adaptive Card in the Workflows envelope", () => {
  it("wraps one card as Microsoft documents it, with outside text only in TextRuns", () => {
    const [req] = render(event, "msg_8", destination({ format: "teams" }));
    const body = JSON.parse(req!.body);
    expect(body).toMatchObject({
      type: "message",
      attachments: [{ contentType: "application/vnd.microsoft.card.adaptive", contentUrl: null }],
    });
    expect(body.attachments).toHaveLength(1);
    const card = body.attachments[0].content;
    expect(card).toMatchObject({ type: "AdaptiveCard", version: "1.2" });
    expect(card.$schema).toBe("http://adaptivecards.io/schemas/adaptive-card.json");
    // Wherever the hostile comment appears, it is a TextRun (never Markdown).
    const holders: string[] = [];
    const walk = (node: unknown, parent: string) => {
      if (typeof node === "string") {
        if (node.includes(HOSTILE.slice(0, 10))) holders.push(parent);
      } else if (Array.isArray(node)) for (const n of node) walk(n, parent);
      else if (node && typeof node === "object") {
        const type = (node as { type?: string }).type ?? parent;
        for (const value of Object.values(node)) walk(value, type);
      }
    };
    walk(card, "");
    expect(holders).toEqual(["TextRun"]);
    expect(Buffer.byteLength(req!.body)).toBeLessThan(28_000);
  });
});

describe("pagerduty: Events API v2", () => {
  const to = destination({ format: "pagerduty", routingKey: "R0UTINGKEY0123456789abcdef012345" });

  it("triggers one alert per new critical finding with a stable dedup_key, none for warnings", () => {
    const requests = render(event, "msg_9", to).map((r) => JSON.parse(r.body));
    expect(requests.map((r) => [r.event_action, r.dedup_key])).toEqual([
      ["trigger", "omrecon:underpaid:3"],
      ["trigger", "omrecon:underpaid:2"],
    ]);
    expect(requests[0]).toMatchObject({
      routing_key: "R0UTINGKEY0123456789abcdef012345",
      payload: {
        severity: "critical",
        source: "omrecon@nightly-1",
        timestamp: "2026-04-16T02:00:00Z",
        class: "underpaid",
        summary:
          "omrecon underpaid underpaid:3: 0.318 TON at stake; order 3 (STARS-3) received 100000000 of 418000000 nanotons",
      },
    });
  });

  it("resolves the same dedup_key when the finding is resolved or no longer found, and a failed run on the next success", () => {
    const resolved = findingsResolvedEvent([underpaid(2), orphan(1)], {
      at: AT,
      runId: 13,
      reason: "resolved",
      by: "ana",
      note: "refunded",
    })!;
    expect(render(resolved, "msg_10", to).map((r) => JSON.parse(r.body))).toEqual([
      { routing_key: "R0UTINGKEY0123456789abcdef012345", event_action: "resolve", dedup_key: "omrecon:underpaid:2" },
    ]);
    const failed = runFailedEvent(
      { command: "nightly", step: "sync", exit_code: 2, code: "api_key_refused", reason: "key refused", host: "h" },
      AT,
    );
    const recovered = runRecoveredEvent({ command: "nightly", host: "h", failed_at: AT, failure: "key refused" }, AT);
    const [trigger] = render(failed, "msg_11", to).map((r) => JSON.parse(r.body));
    const [resolve] = render(recovered, "msg_12", to).map((r) => JSON.parse(r.body));
    expect(trigger).toMatchObject({
      event_action: "trigger",
      dedup_key: "omrecon:run.failed:nightly",
      payload: { severity: "error" },
    });
    expect(resolve).toEqual({
      routing_key: "R0UTINGKEY0123456789abcdef012345",
      event_action: "resolve",
      dedup_key: "omrecon:run.failed:nightly",
    });
  });
});
