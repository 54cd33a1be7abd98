/**
 * A TON endpoint answering with 700 MB: the reader refuses it at its byte limit while it streams,
 * so the reading process (a child of its own, measured by its peak RSS) stays small.
 */
import { execFile } from "node:child_process";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { Address } from "@ton/core";
import { afterAll, describe, expect, it } from "vitest";
import { type HostileTon, startHostileTon } from "./hostile-ton.js";

const run = promisify(execFile);
const child = fileURLToPath(new URL("./child/read-chain.ts", import.meta.url));
const ANSWER_BYTES = 700 * 1024 * 1024;
const CHUNK = Buffer.alloc(1024 * 1024, 0x20);

let server: HostileTon | undefined;
let sent = 0;
afterAll(() => server?.close());

describe("a TON endpoint that answers with 700 MB", () => {
  it("is refused at the 32 MiB limit while the body streams, with the reading process under 300 MB", async () => {
    server = await startHostileTon(null, {
      raw: (_req, res) => {
        // No content-length: the limit must hold while counting the stream itself.
        res.writeHead(200, { "content-type": "application/json" });
        res.write('{"ok":true,"result":[');
        const pump = () => {
          while (sent < ANSWER_BYTES && !res.destroyed) {
            sent += CHUNK.length;
            if (!res.write(CHUNK)) return void res.once("drain", pump);
          }
          res.end("]}");
        };
        pump();
        return true;
      },
    });
    const db = join(mkdtempSync(join(tmpdir(), "omrecon-body-")), "db.sqlite");
    const address = new Address(0, Buffer.alloc(32, 0x77)).toRawString();
    const { stdout } = await run(
      process.execPath,
      ["--conditions=@omrecon/source", "--import", "tsx", child, server.url, db, address],
      { cwd: fileURLToPath(new URL("..", import.meta.url)), maxBuffer: 1 << 20 },
    );
    const out = JSON.parse(stdout.trim().split("\n").at(-1)!) as {
      status: string;
      addresses: { error?: string }[];
      peakRssMb: number;
    };
    console.log(
      `700 MB answer: refused after ${Math.round(sent / 1024 / 1024)} MB sent; child peak RSS ${out.peakRssMb} MB`,
    );
    expect(out.status).toBe("failed");
    expect(out.addresses[0]!.error).toMatch(/answer passed 32 MiB; it was refused/);
    expect(out.addresses[0]!.error).toContain("TON_ENDPOINT http://127.0.0.1:");
    expect(out.peakRssMb).toBeLessThan(300);
    expect(sent).toBeLessThan(ANSWER_BYTES);
  });
});
