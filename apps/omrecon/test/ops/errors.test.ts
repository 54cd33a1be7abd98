/**
 * Every error docs/cli.md#exit-status promises ends the built program with one last line a person understands,
 * checked exactly (docs/cli.md#exit-status): the setting or path it names, and what to do.
 */
import { chmodSync, mkdirSync, writeFileSync } from "node:fs";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { dirname, join } from "node:path";
import type { Finding } from "@omrecon/core";
import { type Sandbox, startSandbox } from "@omrecon/sandbox";
import { insertRun, openStore, recordRunFindings, watchedAddresses } from "@omrecon/store";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { deadPort, omrecon, tempDir } from "./harness.js";

const KEY = "osk_test_0123456789abcdef";
const ROOT = process.getuid?.() === 0;
/** `nobody` where the tests run as root (root may write anywhere), else this user. */
const OTHER = ROOT ? { uid: 65534 } : {};
/** An ISO time as it appears, URL-encoded, in the `to` of a first orders page. */
const TO = "\\d{4}-\\d\\d-\\d\\dT\\d\\d%3A\\d\\d%3A\\d\\d\\.\\d{3}Z";

function underpaid(order: number): Finding {
  return {
    key: `underpaid:${order}`,
    kind: "underpaid",
    severity: "critical",
    order_id: order,
    payment_memo: `STARS-${order}`,
    tx_hash: null,
    expected_nano: 418_000_000n,
    received_nano: 400_000_000n,
    amount_nano: 18_000_000n,
    message: `order ${order} received 0.4 of 0.418 TON`,
  };
}

/** A database holding two underpaid findings, `underpaid:41` and `underpaid:42`. */
async function databaseWithFindings(): Promise<string> {
  const path = join(tempDir(), "omrecon.sqlite");
  const store = await openStore(path);
  const run = await insertRun(store.db, {
    started_at: "2026-04-16T02:00:00.000Z",
    window_from: "2026-04-09T00:00:00.000Z",
    window_to: "2026-04-16T00:00:00.000Z",
    as_of: "2026-04-16T00:00:00.000Z",
    options: {},
  });
  await recordRunFindings(store.db, run, "2026-04-16T02:00:00.000Z", [underpaid(41), underpaid(42)]);
  await store.close();
  return path;
}

describe("errors a person understands: the exact last line (built program)", { timeout: 120_000 }, () => {
  let sb: Sandbox;
  let refusing: Server;
  let refusingUrl: string;
  beforeAll(async () => {
    sb = await startSandbox({ seed: 4, orders: 120, days: 2 });
    refusing = createServer((_req, res) => res.writeHead(401, { "content-type": "application/json" }).end("{}"));
    await new Promise<void>((r) => refusing.listen(0, "127.0.0.1", r));
    refusingUrl = `http://127.0.0.1:${(refusing.address() as AddressInfo).port}/api/v2/jsonRPC`;
  });
  afterAll(async () => {
    refusing.closeAllConnections();
    await new Promise<void>((r) => refusing.close(() => r()));
    await sb.stop();
  });

  const api = () => ({ OPENMONEY_API_KEY: sb.apiKey, OPENMONEY_BASE_URL: sb.apiUrl, TON_ENDPOINT: sb.tonEndpoint });

  it("a refused key names OPENMONEY_API_KEY", async () => {
    const r = await omrecon(["sync"], { ...api(), OPENMONEY_API_KEY: KEY, OMRECON_DB: join(tempDir(), "db.sqlite") });
    expect(r.status).toBe(2);
    expect(r.last).toMatch(
      new RegExp(
        `^omrecon sync: GET /orders\\?to=${TO}&limit=100&offset=0: the API refused the key \\(401 UNAUTHORIZED\\): check OPENMONEY_API_KEY$`,
      ),
    );
    expect(r.stderr).not.toContain(KEY);
  });

  it("a base URL with no partner API behind it (404) names OPENMONEY_BASE_URL", async () => {
    const wrong = sb.apiUrl.replace(/\/api\/v1$/, "/api/v9");
    const r = await omrecon(["sync"], {
      ...api(),
      OPENMONEY_BASE_URL: wrong,
      OMRECON_DB: join(tempDir(), "db.sqlite"),
    });
    expect(r.status).toBe(2);
    expect(r.last).toMatch(
      new RegExp(
        `^omrecon sync: GET /orders\\?to=${TO}&limit=100&offset=0: 404 from ${wrong.replace(/\./g, "\\.")}: there is no partner API there; check OPENMONEY_BASE_URL \\(the default is https://api\\.theopenmoney\\.info/api/v1\\)$`,
      ),
    );
  });

  it("an unreachable partner API names OPENMONEY_BASE_URL, with the retries in one phrase", async () => {
    const port = await deadPort();
    const base = `http://127.0.0.1:${port}/api/v1`;
    const r = await omrecon(["sync"], { ...api(), OPENMONEY_BASE_URL: base, OMRECON_DB: join(tempDir(), "db.sqlite") });
    expect(r.status).toBe(2);
    expect(r.last).toMatch(
      new RegExp(
        `^omrecon sync: service unavailable after retries: GET /orders\\?to=${TO}&limit=100&offset=0: connection failed: connect ECONNREFUSED 127\\.0\\.0\\.1:${port} \\(5 attempts in \\d+\\.\\d s\\); check OPENMONEY_BASE_URL \\(http://127\\.0\\.0\\.1:${port}/api/v1\\) or try again later$`,
      ),
    );
    // The retries are not a line each any more: one summary, in the last line.
    expect(r.stderr.trimEnd().split("\n")).toHaveLength(1);
  });

  it("a TON endpoint that refuses the request names TON_ENDPOINT and TON_API_KEY, reading no other address", async () => {
    const db = join(tempDir(), "db.sqlite");
    expect((await omrecon(["sync"], { ...api(), OMRECON_DB: db })).status).toBe(0);
    const r = await omrecon(["reconcile", "--from", sb.truth.window.from, "--to", sb.truth.window.to], {
      ...api(),
      TON_ENDPOINT: refusingUrl,
      OMRECON_DB: db,
    });
    const store = await openStore(db);
    const watched = await watchedAddresses(store.db);
    await store.close();
    expect(r.status).toBe(2);
    expect(r.last).toBe(
      `omrecon reconcile: the chain could not be read (failed, ${watched.length} of ${watched.length} addresses); ${watched[0]}: ` +
        `TON_ENDPOINT ${refusingUrl}: the TON API refused the request with HTTP 401: check TON_API_KEY; the cursor was not moved`,
    );
  });

  it("an unknown OMRECON_LOG_LEVEL or OMRECON_LOG_FORMAT is exit 2 naming it, before any work", async () => {
    const verbose = await omrecon(["sync"], { OMRECON_LOG_LEVEL: "verbose" });
    expect([verbose.status, verbose.stderr]).toEqual([
      2,
      'omrecon sync: OMRECON_LOG_LEVEL must be one of debug, info, warn, error, got "verbose"\n',
    ]);
    // An unknown format cannot be honoured: off a terminal, the line is in the default one (JSON).
    const text = await omrecon(["runs"], { OMRECON_LOG_FORMAT: "text" });
    expect(text.status).toBe(2);
    expect(JSON.parse(text.last).msg).toBe('omrecon runs: OMRECON_LOG_FORMAT must be pretty or json, got "text"');
  });

  it("off a terminal the last line is a JSON log line, like every other line of the stream", async () => {
    const r = await omrecon(["sync"], { OMRECON_LOG_FORMAT: "", OMRECON_LOG_LEVEL: "loud" });
    expect(r.status).toBe(2);
    expect(JSON.parse(r.last)).toEqual({
      time: expect.any(String),
      level: "error",
      msg: 'omrecon sync: OMRECON_LOG_LEVEL must be one of debug, info, warn, error, got "loud"',
      command: "omrecon sync",
      code: "config",
      exit_code: 2,
    });
  });

  it("an unknown finding key says which command lists the keys; an ambiguous prefix lists the candidates", async () => {
    const db = await databaseWithFindings();
    const unknown = await omrecon(["resolve", "overpaid:7", "--note", "x"], { OMRECON_DB: db });
    expect([unknown.status, unknown.last]).toEqual([
      2,
      `omrecon resolve: no finding with a key starting "overpaid:7" in ${db}; omrecon findings --status all lists the keys`,
    ]);
    const ambiguous = await omrecon(["resolve", "underpaid:4", "--note", "x"], { OMRECON_DB: db });
    expect([ambiguous.status, ambiguous.last]).toEqual([
      2,
      'omrecon resolve: "underpaid:4" matches 2 findings: underpaid:41, underpaid:42; give more of the key',
    ]);
    const show = await omrecon(["findings", "show", "under"], { OMRECON_DB: db });
    expect(show.last).toBe(
      'omrecon findings: "under" matches 2 findings: underpaid:41, underpaid:42; give more of the key',
    );
    const done = await omrecon(["resolve", "underpaid:42", "--note", "refunded", "--by", "ana"], { OMRECON_DB: db });
    expect(done.status).toBe(0);
  });

  it("an --out that is a file, that cannot be written, or where no folder can be made is one line naming it", async () => {
    const db = await databaseWithFindings();
    const file = join(tempDir(), "report.txt");
    writeFileSync(file, "");
    const isFile = await omrecon(["report", "--out", file], { OMRECON_DB: db });
    expect([isFile.status, isFile.last]).toEqual([
      2,
      `omrecon report: --out ${file} is a file, not a folder; pass a folder (it is created if missing)`,
    ]);
    const proc = await omrecon(["report", "--out", "/proc/omrecon-report"], { OMRECON_DB: db });
    expect([proc.status, proc.last]).toEqual([
      2,
      "omrecon report: cannot write the report into /proc/omrecon-report: no folder can be made there; pass --out a folder on an ordinary disk",
    ]);
    const shut = join(tempDir(), "shut");
    mkdirSync(shut, { mode: 0o555 });
    const open = tempDir();
    chmodSync(open, 0o777);
    const shared = join(open, "omrecon.sqlite");
    writeFileSync(shared, "");
    chmodSync(shared, 0o666);
    const denied = await omrecon(["report", "--out", join(shut, "out")], { OMRECON_DB: shared }, OTHER);
    expect([denied.status, denied.last]).toEqual([
      2,
      `omrecon report: cannot write the report into ${join(shut, "out")}: permission denied; pass --out a folder you can write to`,
    ]);
  });

  it("a --db that is a folder, below a file, or not writable is one line naming the path and what to do", async () => {
    const dir = tempDir();
    const folder = await omrecon(["sync", "--db", dir], { OPENMONEY_API_KEY: KEY });
    expect(folder.last).toBe(
      `omrecon sync: database unusable: cannot open ${dir}: it is a directory; point OMRECON_DB at a database file, e.g. ${dir}/omrecon.sqlite`,
    );
    const file = join(dir, "plain");
    writeFileSync(file, "");
    const below = await omrecon(["sync", "--db", join(file, "db.sqlite")], { OPENMONEY_API_KEY: KEY });
    expect(below.last).toBe(
      `omrecon sync: database unusable: cannot open ${join(file, "db.sqlite")}: ${file} is a file, not a folder; point OMRECON_DB elsewhere`,
    );
    const shut = join(tempDir(), "shut");
    mkdirSync(shut, { mode: 0o555 });
    const denied = await omrecon(["sync", "--db", join(shut, "db.sqlite")], { OPENMONEY_API_KEY: KEY }, OTHER);
    expect(denied.last).toBe(
      `omrecon sync: database unusable: cannot open ${join(shut, "db.sqlite")}: permission denied; let this user read and write the file and its folder, or point OMRECON_DB elsewhere`,
    );
    for (const r of [folder, below, denied]) expect(r.status).toBe(2);
  });

  it("impossible dates are refused, naming the flag", async () => {
    const db = await databaseWithFindings();
    const report = await omrecon(["report", "--from", "2026-02-30"], { OMRECON_DB: db });
    expect([report.status, report.last]).toEqual([2, 'omrecon report: --from is not a calendar date: "2026-02-30"']);
    const reconcile = await omrecon(["reconcile", "--to", "2026-04-31T10:00:00Z"], { OPENMONEY_API_KEY: KEY });
    expect([reconcile.status, reconcile.last]).toEqual([
      2,
      "omrecon reconcile: --to: 2026-04-31 is not a calendar date",
    ]);
    const since = await omrecon(["findings", "--since", "2026-02-30"], { OMRECON_DB: db });
    expect([since.status, since.last]).toEqual([2, "omrecon findings: --since: 2026-02-30 is not a calendar date"]);
  });

  it("alert and metrics settings are checked before the night's work, naming the setting", async () => {
    const env = { OPENMONEY_API_KEY: KEY, OMRECON_DB: await databaseWithFindings() };
    const format = await omrecon(["reconcile"], { ...env, OMRECON_WEBHOOK_FORMAT: "discord" });
    expect(format.last).toBe(
      'omrecon reconcile: OMRECON_WEBHOOK_FORMAT must be one of json, slack, teams, pagerduty, got "discord"',
    );
    const short = `whsec_${Buffer.alloc(16).toString("base64")}`;
    const secret = await omrecon(["nightly"], {
      ...env,
      OMRECON_WEBHOOK_URL: "http://127.0.0.1:9/hook",
      OMRECON_WEBHOOK_SECRET: short,
    });
    expect(secret.last).toBe(
      'omrecon nightly: OMRECON_WEBHOOK_SECRET holds 16 bytes after whsec_; Standard Webhooks wants 24 to 64 random bytes; make one with: echo "whsec_$(openssl rand -base64 32)"',
    );
    expect(secret.stderr).not.toContain(short);
    const pd = await omrecon(["sync"], {
      ...env,
      OMRECON_WEBHOOK_FORMAT: "pagerduty",
      OMRECON_WEBHOOK_URL: "http://127.0.0.1:9/x",
    });
    expect(pd.last).toBe(
      "omrecon sync: OMRECON_WEBHOOK_FORMAT=pagerduty needs the integration's routing key in OMRECON_WEBHOOK_SECRET (PagerDuty: service → Integrations → Events API v2)",
    );
    const missing = join(tempDir(), "missing", "omrecon.prom");
    const metrics = await omrecon(["reconcile", "--metrics-file", missing], env);
    expect(metrics.last).toBe(
      `omrecon reconcile: --metrics-file ${missing}: the folder ${dirname(missing)} does not exist (set by the flag or OMRECON_METRICS_FILE)`,
    );
    for (const r of [format, secret, pd, metrics]) expect(r.status).toBe(2);
  });
});
