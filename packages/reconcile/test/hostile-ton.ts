/**
 * A toncenter-shaped JSON-RPC endpoint on 127.0.0.1 that answers honestly from a simulated chain
 * unless told otherwise: `tamper` edits a page before it is served (a transaction left out, …),
 * `raw` takes the response over entirely (trickle, redirect, an endless body).
 */
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { TonApiError, type TonChain, type ToncenterTransaction, toncenterGetTransactions } from "@omrecon/sandbox";

export interface HostileOptions {
  /** Serve these instead of the chain's pages (recorded answers). */
  answer?: (params: Record<string, unknown>) => unknown[];
  tamper?: (page: ToncenterTransaction[], params: Record<string, unknown>, call: number) => ToncenterTransaction[];
  /** Return true when it answered (or will answer) the request itself. */
  raw?: (req: IncomingMessage, res: ServerResponse, call: number) => boolean;
}

export interface HostileTon {
  url: string;
  /** getTransactions calls so far. */
  calls: number;
  /** Every X-API-Key this server was sent. */
  keysSeen: string[];
  close(): Promise<void>;
}

export async function startHostileTon(chain: TonChain | null, options: HostileOptions = {}): Promise<HostileTon> {
  const state = { calls: 0, keysSeen: [] as string[] };
  const server = createServer(async (req, res) => {
    const key = req.headers["x-api-key"];
    if (typeof key === "string") state.keysSeen.push(key);
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const call = ++state.calls;
    if (options.raw?.(req, res, call)) return;
    let body: { id?: unknown; params?: Record<string, unknown> };
    try {
      body = JSON.parse(Buffer.concat(chunks).toString("utf8"));
    } catch {
      res.writeHead(422).end();
      return;
    }
    const params = body.params ?? {};
    let out: { status: number; payload: unknown };
    try {
      const honest = options.answer ? options.answer(params) : chain ? toncenterGetTransactions(chain, params) : [];
      const page = options.tamper ? options.tamper(honest as ToncenterTransaction[], params, call) : honest;
      out = { status: 200, payload: { ok: true, result: page, id: body.id, jsonrpc: "2.0" } };
    } catch (error) {
      const code = error instanceof TonApiError ? error.code : 500;
      out = { status: code, payload: { ok: false, error: (error as Error).message, code } };
    }
    const text = JSON.stringify(out.payload);
    res.writeHead(out.status, { "content-type": "application/json", "content-length": Buffer.byteLength(text) });
    res.end(text);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/api/v2/jsonRPC`,
    get calls() {
      return state.calls;
    },
    keysSeen: state.keysSeen,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
