/** Secrets never reach logs, errors, the database or reports. */

const PARTNER_KEY = /osk_[A-Za-z0-9_-]+/g;
/** The password of any `scheme://user:password@host` (a Postgres URL in OMRECON_DB). */
const URL_PASSWORD = /\b([a-z][a-z0-9+.-]*:\/\/[^\s/:@]*:)[^\s/@]*@/gi;

/**
 * Replaces every occurrence of the given secrets, anything shaped like a partner key (`osk_…`),
 * and the password of a URL (`postgres://user:…@host`), with a fixed mask.
 */
export function redact(text: string, secrets: readonly (string | undefined | null)[] = []): string {
  let out = text;
  for (const s of secrets) {
    if (s && s.length >= 4) out = out.split(s).join("[REDACTED]");
  }
  return out.replace(PARTNER_KEY, "osk_[REDACTED]").replace(URL_PASSWORD, "$1[REDACTED]@");
}
