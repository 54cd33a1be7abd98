import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { deadUrl, type Receiver, startReceiver } from "@omrecon/sandbox";
import { listAlerts, openStore, type Store, writeTransaction } from "@omrecon/store";
import { Webhook } from "standardwebhooks";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import {
  deliverPending,
  findingsNewEvent,
  parseWebhookSecret,
  recordAlerts,
  runFailedEvent,
  type WebhookSecret,
} from "../src/index.js";
import { AT, destination, orphan, RUN, underpaid } from "./fixtures.js";

const WHSEC = `whsec_${Buffer.alloc(24, 3).toString("base64")}`;
const fast = { policy: { baseDelayMs: 5, timeoutMs: 2_000, deadlineMs: 3_000, maxRetries: 1 } };

async function tempStore(): Promise<Store> {
  return openStore(join(mkdtempSync(join(tmpdir(), "omrecon-ops-")), "db.sqlite"));
}

describe("the outbox", () => {
  let receiver: Receiver;
  beforeEach(async () => {
    receiver = await startReceiver({ path: "/hook/SECRETPATH" });
  });
  afterEach(async () => {
    await receiver.close();
  });

  it("keeps an alert a receiver missed and sends it on the next run with the same id, still verifiable", async () => {
    const store = await tempStore();
    const [id] = await writeTransaction(store.db, (trx) =>
      recordAlerts(trx, [findingsNewEvent(RUN, [underpaid(1)], AT)], { at: new Date().toISOString(), runId: 12 }),
    );
    const down = destination({ url: await deadUrl(), secret: parseWebhookSecret(WHSEC) as WebhookSecret });
    const missed = await deliverPending(store, down, fast);
    expect(missed).toMatchObject({ sent: 0, failed: 1, pending: 1 });
    expect(missed.error).toMatch(
      /^OMRECON_WEBHOOK_URL \(http:\/\/127\.0\.0\.1:\d+\/…\) could not be reached \(ECONNREFUSED\)$/,
    );
    const [pending] = await listAlerts(store.db, { status: "pending" });
    expect(pending).toMatchObject({ id, attempts: 2n, last_error: missed.error });

    const up = { ...down, url: receiver.url };
    expect(await deliverPending(store, up, fast)).toMatchObject({ sent: 1, failed: 0, pending: 0, error: null });
    expect(receiver.received).toHaveLength(1);
    const got = receiver.received[0]!;
    expect(got.headers["webhook-id"]).toBe(id);
    const headers = got.headers as Record<string, string>;
    expect(new Webhook(WHSEC).verify(got.body, headers)).toMatchObject({ type: "findings.new", data: { run_id: 12 } });
    // Delivered once: the next round sends nothing.
    expect(await deliverPending(store, up, fast)).toMatchObject({ sent: 0, pending: 0 });
    expect(receiver.received).toHaveLength(1);
    await store.close();
  });

  it("sends pending alerts oldest first; a receiver that is down stops the round, one it refuses does not", async () => {
    const store = await tempStore();
    const at = (m: number) => new Date(Date.now() - (10 - m) * 60_000).toISOString();
    const failed = (n: number) =>
      runFailedEvent({ command: "sync", step: "sync", exit_code: 2, code: "x", reason: `r${n}`, host: "h" }, AT);
    for (const n of [1, 2, 3]) await recordAlerts(store.db, [failed(n)], { at: at(n) });
    receiver.script.push(400, 503, 503);
    const round = await deliverPending(store, destination({ url: receiver.url }), fast);
    // 1 refused (400: go on), 2 met a receiver that is down (503 twice: stop), 3 waits untried.
    expect(round).toMatchObject({ sent: 0, failed: 2, pending: 3 });
    expect(receiver.received.map((r) => JSON.parse(r.body).data.reason)).toEqual(["r1", "r2", "r2"]);
    const next = await deliverPending(store, destination({ url: receiver.url }), fast);
    expect(next).toMatchObject({ sent: 3, pending: 0 });
    expect(receiver.received.slice(3).map((r) => JSON.parse(r.body).data.reason)).toEqual(["r1", "r2", "r3"]);
    await store.close();
  });

  it("expires alerts pending for over a week instead of sending them", async () => {
    const store = await tempStore();
    await recordAlerts(store.db, [findingsNewEvent(RUN, [orphan(1)], AT)], {
      at: new Date(Date.now() - 8 * 86_400_000).toISOString(),
    });
    const round = await deliverPending(store, destination({ url: receiver.url }), fast);
    expect(round).toMatchObject({ sent: 0, expired: 1, pending: 0 });
    expect(receiver.received).toHaveLength(0);
    expect((await listAlerts(store.db, { status: "expired" })).length).toBe(1);
    await store.close();
  });

  it("marks an alert its format does not send (a resolution, to Slack) as delivered without a request", async () => {
    const store = await tempStore();
    const { findingsResolvedEvent } = await import("../src/index.js");
    await recordAlerts(
      store.db,
      [findingsResolvedEvent([underpaid(1)], { at: AT, runId: 1, reason: "no_longer_found" })],
      { at: new Date().toISOString() },
    );
    expect(await deliverPending(store, destination({ url: receiver.url, format: "slack" }), fast)).toMatchObject({
      sent: 1,
      pending: 0,
    });
    expect(receiver.received).toHaveLength(0);
    await store.close();
  });
});
