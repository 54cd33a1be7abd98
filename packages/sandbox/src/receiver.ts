/**
 * A simulated receiver of what omrecon sends out (alerts, heartbeats, metrics pushes): a real HTTP
 * server on 127.0.0.1 that records every request and answers as a test scripts it — a status, no
 * answer at all, a redirect or any other answer, or a body that never ends.
 */
import { createServer, type IncomingHttpHeaders } from "node:http";
import { listen } from "./listen.js";

export interface ReceivedRequest {
  method: string;
  path: string;
  headers: IncomingHttpHeaders;
  body: string;
}

/** An answer: a status (body "ok" below 300, else "no"), never ("hang"), any answer, or an endless body. */
export type ReceiverAnswer =
  | number
  | "hang"
  | { status: number; headers?: Record<string, string>; body?: string }
  | { endless: true };

export interface ReceiverOptions {
  /** The path of `url` (default `/hook`); requests are taken on any path. */
  path?: string;
  /** The answer once `script` is used up (default 200). */
  otherwise?: ReceiverAnswer;
}

export interface Receiver {
  url: string;
  received: ReceivedRequest[];
  /** Answers for the next requests in turn, then `otherwise`. */
  script: ReceiverAnswer[];
  close(): Promise<void>;
}

export async function startReceiver(options: ReceiverOptions = {}): Promise<Receiver> {
  const received: ReceivedRequest[] = [];
  const script: ReceiverAnswer[] = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      received.push({
        method: req.method ?? "",
        path: req.url ?? "",
        headers: req.headers,
        body: Buffer.concat(chunks).toString("utf8"),
      });
      const next = script.shift() ?? options.otherwise ?? 200;
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
  const listening = await listen(server, {});
  return {
    url: `http://127.0.0.1:${listening.port}${options.path ?? "/hook"}`,
    received,
    script,
    close: () => listening.close(),
  };
}

/** A port on which nothing listens (one we bound, then released). */
export async function deadPort(): Promise<number> {
  const listening = await listen(createServer(), {});
  await listening.close();
  return listening.port;
}

/** A URL on which nothing listens. */
export async function deadUrl(path = "/hook"): Promise<string> {
  return `http://127.0.0.1:${await deadPort()}${path}`;
}
