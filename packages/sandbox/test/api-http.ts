/** A tiny raw-HTTP caller for the API tests: status, headers and body text exactly as served. */
import type { PartnerApi } from "../src/api/server.js";

export interface Raw {
  status: number;
  headers: Headers;
  text: string;
  /** Parsed body (undefined when it is not JSON); the assertions check its shape. */
  // biome-ignore lint/suspicious/noExplicitAny: test bodies are read loosely and pinned by expect()
  json: any;
}

export function caller(api: PartnerApi, key: string | null = api.state.partner.apiKey) {
  const headers = (extra: Record<string, string> = {}) => ({
    accept: "application/json",
    ...(key === null ? {} : { authorization: `Bearer ${key}` }),
    ...extra,
  });
  const read = async (res: Response): Promise<Raw> => {
    const text = await res.text();
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch {
      json = undefined;
    }
    return { status: res.status, headers: res.headers, text, json };
  };
  return {
    get: async (path: string) => read(await fetch(api.url + path, { headers: headers() })),
    post: async (path: string, body?: unknown, idempotencyKey?: string) =>
      read(
        await fetch(api.url + path, {
          method: "POST",
          headers: headers({
            "content-type": "application/json",
            ...(idempotencyKey ? { "idempotency-key": idempotencyKey } : {}),
          }),
          body: body === undefined ? "" : typeof body === "string" ? body : JSON.stringify(body),
        }),
      ),
  };
}
