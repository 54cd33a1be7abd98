import { createServer, type IncomingMessage, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import { checkTon } from "../src/index.js";

const servers: Server[] = [];
afterEach(async () => {
  for (const s of servers.splice(0)) {
    s.closeAllConnections();
    await new Promise((resolve) => s.close(resolve));
  }
});

async function serve(
  handle: (req: IncomingMessage, res: import("node:http").ServerResponse) => void,
): Promise<{ url: string; seen: IncomingMessage[]; bodies: string[] }> {
  const seen: IncomingMessage[] = [];
  const bodies: string[] = [];
  const server = createServer((req, res) => {
    seen.push(req);
    let text = "";
    req.on("data", (c) => {
      text += String(c);
    });
    req.on("end", () => {
      bodies.push(text);
      handle(req, res);
    });
  });
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/v2/jsonRPC`, seen, bodies };
}

describe("the TON endpoint", () => {
  it("never follows a redirect: the key does not reach the other host", async () => {
    const elsewhere = await serve((_req, res) => res.end('{"ok":true,"result":[]}'));
    const redirecting = await serve((_req, res) => {
      res.writeHead(301, { location: `${elsewhere.url}?token=secret` });
      res.end();
    });
    const [reach] = await checkTon({ tonEndpoint: redirecting.url, tonApiKey: "ton-key-123" }, null);
    expect(reach).toMatchObject({ what: "TON_ENDPOINT", status: "301", verdict: "incompatible" });
    expect(reach?.differences[0]).toMatch(
      /^redirects to http:\/\/127\.0\.0\.1:\d+; omrecon never follows a redirect with the TON key: set TON_ENDPOINT to the final URL$/,
    );
    expect(redirecting.seen[0]?.headers["x-api-key"]).toBe("ton-key-123");
    expect(elsewhere.seen).toEqual([]);
  });

  it("says whether the key is set, and warns only for toncenter without one", async () => {
    const ok = await serve((_req, res) => res.end('{"ok":true,"result":[]}'));
    const rows = await checkTon(
      { tonEndpoint: ok.url, tonApiKey: undefined },
      "EQBFJTkJ5hZdH7i6rWQTnm43zn6h2dPBV9lFZ2e98WvWAEF6",
    );
    expect(rows.map((r) => [r.what, r.status, r.verdict])).toEqual([
      ["TON_ENDPOINT", "200", "ok"],
      ["TON_API_KEY", "not set", "info"],
    ]);
    expect(JSON.parse(ok.bodies[0]!).params).toEqual({
      address: "EQBFJTkJ5hZdH7i6rWQTnm43zn6h2dPBV9lFZ2e98WvWAEF6",
      limit: 1,
    });
  });

  it("tells a refused key, a page that is not toncenter, and no answer apart", async () => {
    const refused = await serve((_req, res) => {
      res.writeHead(401);
      res.end('{"ok":false,"error":"API key does not exist","code":401}');
    });
    const html = await serve((_req, res) => res.end("<html>hello</html>"));
    expect((await checkTon({ tonEndpoint: refused.url, tonApiKey: "k" }, null))[0]?.verdict).toBe("incompatible");
    expect((await checkTon({ tonEndpoint: html.url, tonApiKey: "k" }, null))[0]?.verdict).toBe("warning");
    const closed = html.url.replace(/:\d+\//, ":9/");
    expect((await checkTon({ tonEndpoint: closed, tonApiKey: "k" }, null))[0]).toMatchObject({
      verdict: "unreachable",
    });
  });
});
