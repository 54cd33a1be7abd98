/**
 * Signing the `json` format (docs/alerts.md#signatures-json): Standard Webhooks 1.0 — the key is the
 * secret's base64 after `whsec_` (24 to 64 random bytes), the signed content
 * `{webhook-id}.{webhook-timestamp}.{body}`, the header `webhook-signature: v1,<base64 HMAC-SHA256>`
 * — and, unchanged for existing receivers, `X-Omrecon-Signature: sha256=<hex HMAC-SHA256 of the
 * body>` keyed by the secret as written. A secret without `whsec_` (set before 2026-12) signs
 * Standard Webhooks with its own bytes, as the spec allows for reused legacy secrets; receivers
 * then verify with the raw key. Hand-written on node:crypto (five lines); the tests verify it
 * with the reference `standardwebhooks` library, which nobody here wrote.
 */
import { createHmac } from "node:crypto";

const PREFIX = "whsec_";

export interface WebhookSecret {
  /** The HMAC key of `webhook-signature`. */
  standardKey: Buffer;
  /** The secret as written: the key of `X-Omrecon-Signature`. */
  legacyKey: string;
}

/** The secret's keys, or a one-line problem (never echoing the secret). */
export function parseWebhookSecret(secret: string): WebhookSecret | { problem: string } {
  if (!secret.startsWith(PREFIX)) return { standardKey: Buffer.from(secret, "utf8"), legacyKey: secret };
  const text = secret.slice(PREFIX.length);
  if (!/^[A-Za-z0-9+/]+={0,2}$/.test(text) || text.length % 4 !== 0) {
    return { problem: "is not whsec_ followed by base64 (Standard Webhooks' form)" };
  }
  const key = Buffer.from(text, "base64");
  if (key.length < 24 || key.length > 64) {
    return { problem: `holds ${key.length} bytes after whsec_; Standard Webhooks wants 24 to 64 random bytes` };
  }
  return { standardKey: key, legacyKey: secret };
}

/** `v1,<base64>`: the Standard Webhooks signature of one attempt. */
export function standardSignature(key: Buffer, id: string, timestampSeconds: number, body: string): string {
  return `v1,${createHmac("sha256", key).update(`${id}.${timestampSeconds}.${body}`).digest("base64")}`;
}

/** `sha256=<hex>` of the body: the `X-Omrecon-Signature` receivers of earlier versions check. */
export function legacySignature(secret: string, body: string): string {
  return `sha256=${createHmac("sha256", secret).update(body).digest("hex")}`;
}
