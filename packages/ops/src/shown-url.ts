/**
 * A receiver's URL as logs and errors may show it: scheme and host only. A Slack webhook, a Teams
 * Workflows URL (its `sig`), a healthchecks ping URL all carry their secret in the path or query.
 */
export function shownUrl(url: string): string {
  try {
    const u = new URL(url);
    return `${u.protocol}//${u.host}/…`;
  } catch {
    return "(not a URL)";
  }
}
