/** Secrets never reach logs, errors, the database or reports. */

const PARTNER_KEY = /osk_[A-Za-z0-9_-]+/g;

/**
 * Replaces every occurrence of the given secrets, and anything shaped like a partner key
 * (`osk_…`), with a fixed mask.
 */
export function redact(text: string, secrets: readonly (string | undefined | null)[] = []): string {
  let out = text;
  for (const s of secrets) {
    if (s && s.length >= 4) out = out.split(s).join("[REDACTED]");
  }
  return out.replace(PARTNER_KEY, "osk_[REDACTED]");
}
