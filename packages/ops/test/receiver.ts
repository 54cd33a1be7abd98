/** A real local HTTP server that receives requests and answers as told. */
import { createServer, type IncomingHttpHeaders, type Server } from "node:http";
import type { AddressInfo } from "node:net";

export interface Received {
  method: string;
  path: string;
  headers: IncomingHttpHeaders;
  body: string;
}

/** What to answer next: a status, never ("hang"), a redirect elsewhere, or a body that never ends. */
export type Answer =
  | number
  | "hang"
  | { status: number; headers?: Record<string, string>; body?: string }
  | { endless: true };

export interface Receiver {
  url: string;
  received: Received[];
  /** Answers for the next requests in turn (then 200). */
  script: Answer[];
  close(): Promise<void>;
}

export async function startReceiver(): Promise<Receiver> {
  const received: Received[] = [];
  const script: Answer[] = [];
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      received.push({
        method: req.method ?? "",
        path: req.url ?? "",
        headers: req.headers,
        body: Buffer.concat(chunks).toString("utf8"),
      });
      const next = script.shift() ?? 200;
      if (next === "hang") return;
      if (typeof next === "number") {
        res.writeHead(next, { "content-type": "text/plain" }).end(next < 300 ? "ok" : "no");
        return;
      }
      if ("endless" in next) {
        res.writeHead(200, { "content-type": "text/plain" });
        const block = Buffer.alloc(64 * 1024, 120);
        const pump = () => {
          while (res.write(block)) {
            if (res.destroyed) return;
          }
          res.once("drain", pump);
        };
        res.on("close", () => res.removeAllListeners("drain"));
        pump();
        return;
      }
      res.writeHead(next.status, { "content-type": "text/plain", ...next.headers }).end(next.body ?? "");
    });
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/hook/SECRETPATH`,
    received,
    script,
    close: () =>
      new Promise<void>((r) => {
        server.closeAllConnections();
        server.close(() => r());
      }),
  };
}

/** A URL on which nothing listens (a port we bound, then released). */
export async function deadUrl(): Promise<string> {
  const server = createServer();
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((r) => server.close(() => r()));
  return `http://127.0.0.1:${port}/hook`;
}
