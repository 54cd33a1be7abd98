/**
 * The TON endpoint: one `getTransactions` of one transaction for an address (the top-up address
 * when /balance gave it), as `TonClient` would send it. No redirect is followed — the key would go
 * with it — and the answer is read up to a small limit.
 */
import type { Settings } from "@omrecon/cli";
import { request } from "undici";
import type { CheckRow } from "./report.js";

/** The page's example payment address, when the partner's own is not known. */
export const EXAMPLE_ADDRESS = "UQBFJTkJ5hZdH7i6rWQTnm43zn6h2dPBV9lFZ2e98WvWABy_";
const MAX_BYTES = 1 << 20;
const TIMEOUT_MS = 15_000;

const row = (what: string, status: string, verdict: CheckRow["verdict"], differences: string[]): CheckRow => ({
  section: "settings",
  what,
  status,
  verdict,
  differences,
});

export async function checkTon(
  settings: Pick<Settings, "tonEndpoint" | "tonApiKey">,
  address: string | null,
): Promise<CheckRow[]> {
  const host = new URL(settings.tonEndpoint).hostname;
  const keyRow = settings.tonApiKey
    ? row("TON_API_KEY", "set", "ok", ["sent as X-API-Key (never printed)"])
    : host.endsWith("toncenter.com")
      ? row("TON_API_KEY", "not set", "warning", [
          "without a key toncenter allows 1 request/s: a first chain read of many addresses takes long (a key: @tonapibot)",
        ])
      : row("TON_API_KEY", "not set", "info", []);
  return [await reach(settings, address ?? EXAMPLE_ADDRESS), keyRow];
}

async function reach(settings: Pick<Settings, "tonEndpoint" | "tonApiKey">, address: string): Promise<CheckRow> {
  const what = "TON_ENDPOINT";
  const body = JSON.stringify({ id: 1, jsonrpc: "2.0", method: "getTransactions", params: { address, limit: 1 } });
  let status: number;
  let text = "";
  let location: string | undefined;
  try {
    const res = await request(settings.tonEndpoint, {
      method: "POST",
      headers: {
        "content-type": "application/json",
        ...(settings.tonApiKey ? { "x-api-key": settings.tonApiKey } : {}),
      },
      body,
      signal: AbortSignal.timeout(TIMEOUT_MS),
    });
    status = res.statusCode;
    const raw = res.headers.location;
    location = Array.isArray(raw) ? raw[0] : raw;
    let size = 0;
    for await (const chunk of res.body) {
      size += (chunk as Buffer).length;
      if (size > MAX_BYTES) {
        res.body.destroy();
        return row(what, String(status), "warning", [
          `the answer is larger than 1 MB for one transaction: is ${settings.tonEndpoint} toncenter's v2 jsonRPC?`,
        ]);
      }
      text += String(chunk);
    }
  } catch (error) {
    const e = error as { code?: string; name?: string; message?: string };
    const why =
      e.name === "TimeoutError" || e.name === "AbortError"
        ? `no answer within ${TIMEOUT_MS / 1000} s`
        : (e.code ?? e.message ?? "failed");
    return row(what, "unreachable", "unreachable", [`${settings.tonEndpoint}: ${why}`]);
  }
  if (status >= 300 && status < 400) {
    const to = location ? ` to ${safeOrigin(location)}` : "";
    return row(what, String(status), "incompatible", [
      `redirects${to}; omrecon never follows a redirect with the TON key: set TON_ENDPOINT to the final URL`,
    ]);
  }
  if (status === 401 || status === 403)
    return row(what, String(status), "incompatible", ["the endpoint refused TON_API_KEY"]);
  if (status === 429) return row(what, "429", "warning", ["reachable, but rate-limited right now"]);
  let ok = false;
  try {
    ok = (JSON.parse(text) as { ok?: unknown }).ok === true;
  } catch {
    // Not JSON: said below.
  }
  if (status === 200 && ok) return row(what, "200", "ok", [`${settings.tonEndpoint} answered getTransactions`]);
  if (status === 404) {
    return row(what, "404", "incompatible", [
      `${settings.tonEndpoint} is not a toncenter v2 jsonRPC URL (like https://toncenter.com/api/v2/jsonRPC)`,
    ]);
  }
  return row(what, String(status), "warning", [
    `answered, but not toncenter's {"ok": true, "result": …}: is ${settings.tonEndpoint} a toncenter v2 jsonRPC URL?`,
  ]);
}

/** The origin of a redirect target (its path or query might carry something private). */
function safeOrigin(location: string): string {
  try {
    return new URL(location).origin;
  } catch {
    return "another URL";
  }
}
