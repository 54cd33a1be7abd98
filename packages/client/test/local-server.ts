/** A plain HTTP server on 127.0.0.1 for answers the sandbox never gives (endless lists, huge bodies). */
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

export interface LocalServer {
  /** `http://127.0.0.1:PORT` */
  origin: string;
  /** Requests seen, as `METHOD path?query`. */
  requests: string[];
  close(): Promise<void>;
}

export async function startLocalServer(
  handle: (req: IncomingMessage, res: ServerResponse, url: URL) => void | Promise<void>,
): Promise<LocalServer> {
  const requests: string[] = [];
  const server = createServer((req, res) => {
    const url = new URL(req.url ?? "/", "http://local");
    requests.push(`${req.method} ${url.pathname}${url.search}`);
    Promise.resolve(handle(req, res, url)).catch(() => req.socket.destroy());
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    origin: `http://127.0.0.1:${port}`,
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

/** `{"ok": true, "data": …}` as the API sends it. */
export function sendData(res: ServerResponse, data: unknown, status = 200): void {
  const body = JSON.stringify({ ok: true, data });
  res.writeHead(status, { "content-type": "application/json", "content-length": Buffer.byteLength(body) });
  res.end(body);
}

/** An order as the page's example shows it, with the given id. */
export function pageOrder(id: number): Record<string, unknown> {
  return {
    id,
    status: "completed",
    order_type: "stars",
    stars_amount: 100,
    recipient_username: "pandus",
    price_ton: 0.418,
    payment_address: "UQBFJTkJ5hZdH7i6rWQTnm43zn6h2dPBV9lFZ2e98WvWABy_",
    payment_memo: `STARS-${id}`,
    expires_at: "2026-04-16T12:15:00Z",
    created_at: "2026-04-16T12:00:00Z",
  };
}
