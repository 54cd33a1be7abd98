/**
 * The `json` format: the event as a Standard Webhooks payload (`type`, `timestamp`, `data`), with
 * `webhook-id` (the outbox id, the same on every retry), `webhook-timestamp` (this attempt) and,
 * with a secret, `webhook-signature` and `X-Omrecon-Signature` (signature.ts). Lists are cut to
 * `FINDINGS_PER_EVENT` entries, the rest counted in `findings_omitted`.
 */
import { type AlertEvent, FINDINGS_PER_EVENT } from "../events.js";
import { legacySignature, standardSignature } from "../signature.js";
import type { AlertDestination, RenderedRequest } from "./destination.js";

export function renderJson(event: AlertEvent, id: string, to: AlertDestination): RenderedRequest[] {
  const body = JSON.stringify(bounded(event));
  const headers: Record<string, string> = {
    "content-type": "application/json",
    "user-agent": to.userAgent,
    "webhook-id": id,
  };
  if (to.secret) headers["x-omrecon-signature"] = legacySignature(to.secret.legacyKey, body);
  const secret = to.secret;
  return [
    {
      headers,
      body,
      perAttempt: (at) => {
        const seconds = Math.floor(at.getTime() / 1000);
        return {
          "webhook-timestamp": String(seconds),
          ...(secret && { "webhook-signature": standardSignature(secret.standardKey, id, seconds, body) }),
        };
      },
    },
  ];
}

function bounded(event: AlertEvent): AlertEvent {
  if (event.type !== "findings.new" && event.type !== "findings.resolved") return event;
  const all = event.data.findings;
  if (all.length <= FINDINGS_PER_EVENT) return event;
  const data = {
    ...event.data,
    findings: all.slice(0, FINDINGS_PER_EVENT),
    findings_omitted: all.length - FINDINGS_PER_EVENT,
  };
  return { ...event, data } as AlertEvent;
}
