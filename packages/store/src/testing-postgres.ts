/**
 * A real Postgres for tests (and the bench), started from Debian's `postgresql` binaries on a free
 * port of 127.0.0.1 with a random password, in a temporary folder, and gone with it: `initdb` and
 * `postgres` refuse to run as root, so as root they run as the `postgres` user. The server dies
 * with the process that started it (a shell beside it stops it when that process's pipe closes), so
 * a killed test run leaves no server behind. docs/postgres.md#tests.
 *
 * `OMRECON_TEST_POSTGRES_URL` (an admin URL: a role that may CREATE DATABASE) points the tests at a
 * server of your own instead; `.ci/run` and each package's vitest global setup set it.
 */
import { type ChildProcess, execFileSync, spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import {
  chownSync,
  closeSync,
  existsSync,
  mkdtempSync,
  openSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import pg from "pg";

/** Where the tests find an admin URL of a running server. */
export const TEST_POSTGRES_URL = "OMRECON_TEST_POSTGRES_URL";
/** Set (to the reason) when no server could be had: the Postgres suites skip and say why. */
export const TEST_POSTGRES_SKIP = "OMRECON_TEST_POSTGRES_SKIP";

export interface PostgresServer {
  /** `postgres://omrecon:…@127.0.0.1:PORT/postgres`: a superuser of this server only. */
  url: string;
  stop(): Promise<void>;
}

/** The folder holding `initdb` and `postgres`: `OMRECON_PG_BIN`, Debian's newest, or PATH. */
export function findPostgresBin(): string | null {
  const fromEnv = process.env.OMRECON_PG_BIN;
  const candidates: string[] = fromEnv ? [fromEnv] : [];
  try {
    const versions = readdirSync("/usr/lib/postgresql")
      .filter((v) => /^\d+$/.test(v))
      .sort((a, b) => Number(b) - Number(a));
    candidates.push(...versions.map((v) => `/usr/lib/postgresql/${v}/bin`));
  } catch {
    // Not Debian's layout.
  }
  candidates.push(...(process.env.PATH ?? "").split(":").filter(Boolean));
  return candidates.find((dir) => existsSync(join(dir, "initdb")) && existsSync(join(dir, "postgres"))) ?? null;
}

const STARTUP_DEADLINE_MS = 60_000;
const STOP_DEADLINE_MS = 15_000;

/** Starts a private server; throws with the server's log when it cannot. */
export async function startPostgresServer(): Promise<PostgresServer> {
  const bin = findPostgresBin();
  if (bin === null) throw new Error("no Postgres binaries (apt-get install postgresql, or set OMRECON_PG_BIN)");
  const dir = mkdtempSync(join(tmpdir(), "omrecon-pg-"));
  const asRoot = process.getuid?.() === 0;
  const runAs = asRoot ? postgresUser() : null;
  if (runAs) chownSync(dir, runAs.uid, runAs.gid);
  const password = randomBytes(18).toString("base64url");
  const pwfile = join(dir, "pw");
  writeFileSync(pwfile, `${password}\n`, { mode: 0o600 });
  if (runAs) chownSync(pwfile, runAs.uid, runAs.gid);
  const data = join(dir, "data");
  const command = (program: string, args: string[]): [string, string[]] =>
    runAs ? ["runuser", ["-u", "postgres", "--", join(bin, program), ...args]] : [join(bin, program), args];
  const initdb = (extra: string[]) =>
    execFileSync(
      ...command("initdb", [
        "-D",
        data,
        "-U",
        "omrecon",
        `--pwfile=${pwfile}`,
        "--auth=scram-sha-256",
        "-E",
        "UTF8",
        "--locale=C.UTF-8",
        ...extra,
      ]),
      { stdio: "pipe" },
    );
  try {
    // A linguistic default collation (ICU, English) like most servers have: the store's byte order
    // (COLLATE "C") must not depend on it. Without ICU, the C.UTF-8 default.
    try {
      initdb(["--locale-provider=icu", "--icu-locale=en-US"]);
    } catch {
      rmSync(data, { recursive: true, force: true });
      initdb([]);
    }
  } catch (error) {
    rmSync(dir, { recursive: true, force: true });
    throw new Error(`initdb failed: ${(error as { stderr?: Buffer }).stderr?.toString().trim() ?? error}`);
  }
  rmSync(pwfile, { force: true });

  for (let attempt = 1; ; attempt++) {
    const port = await freePort();
    const log = join(dir, `server-${attempt}.log`);
    const child = startServer(bin, data, dir, port, log, runAs);
    const url = `postgres://omrecon:${password}@127.0.0.1:${port}/postgres`;
    const ready = await waitUntilReady(url, child);
    if (ready) return { url, stop: () => stopServer(child, dir) };
    await stopServer(child, null);
    const text = existsSync(log) ? readFileSync(log, "utf8") : "";
    if (attempt < 3 && /could not bind|already in use/i.test(text)) continue;
    rmSync(dir, { recursive: true, force: true });
    throw new Error(`postgres did not start: ${text.trim().split("\n").slice(-5).join(" | ")}`);
  }
}

function postgresUser(): { uid: number; gid: number } {
  try {
    const uid = Number(execFileSync("id", ["-u", "postgres"]).toString().trim());
    const gid = Number(execFileSync("id", ["-g", "postgres"]).toString().trim());
    return { uid, gid };
  } catch {
    throw new Error("running as root, and there is no postgres user to run the server as");
  }
}

function startServer(
  bin: string,
  data: string,
  dir: string,
  port: number,
  log: string,
  runAs: { uid: number; gid: number } | null,
): ChildProcess {
  const logFd = openSync(log, "a", 0o644);
  if (runAs) chownSync(log, runAs.uid, runAs.gid);
  const args = [
    join(bin, "postgres"),
    "-D",
    data,
    "-p",
    String(port),
    "-k",
    dir,
    "-c",
    "listen_addresses=127.0.0.1",
    // A test server: losing it to a power cut loses nothing.
    "-c",
    "fsync=off",
    "-c",
    "synchronous_commit=off",
    "-c",
    "full_page_writes=off",
    "-c",
    "max_connections=300",
  ];
  // The shell (as the server's user) keeps the server's pid; when our end of its stdin closes (this
  // process ended, however it ended) it stops the server (SIGINT: fast shutdown) and waits for it.
  const quoted = args.map((a) => `'${a.replaceAll("'", "'\\''")}'`).join(" ");
  const script = `${quoted} & pid=$!; cat >/dev/null; kill -INT $pid 2>/dev/null; wait $pid`;
  const [program, programArgs] = runAs
    ? ["runuser", ["-u", "postgres", "--", "sh", "-c", script]]
    : ["sh", ["-c", script]];
  const child = spawn(program, programArgs, { stdio: ["pipe", logFd, logFd] });
  closeSync(logFd);
  return child;
}

async function waitUntilReady(url: string, child: ChildProcess): Promise<boolean> {
  const deadline = Date.now() + STARTUP_DEADLINE_MS;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) return false;
    const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 2_000 });
    try {
      await client.connect();
      await client.query("select 1");
      return true;
    } catch {
      await sleep(100);
    } finally {
      await client.end().catch(() => {});
    }
  }
  return false;
}

async function stopServer(child: ChildProcess, dir: string | null): Promise<void> {
  if (child.exitCode === null && child.signalCode === null) {
    const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
    child.stdin?.end();
    const timer = setTimeout(() => child.kill("SIGKILL"), STOP_DEADLINE_MS);
    await exited;
    clearTimeout(timer);
  }
  // The server's last files may still be going away as it exits: retry, and never fail a teardown for it.
  if (dir !== null) {
    try {
      rmSync(dir, { recursive: true, force: true, maxRetries: 5, retryDelay: 200 });
    } catch {
      // A folder in the system's temporary directory: harmless if left.
    }
  }
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      server.close(() =>
        typeof address === "object" && address ? resolve(address.port) : reject(new Error("no port")),
      );
    });
  });
}

/** `url` with another database. */
export function withDatabase(url: string, database: string): string {
  const u = new URL(url);
  u.pathname = `/${database}`;
  return u.toString();
}

/**
 * A new, empty database on the server of `adminUrl` (one per test file: files do not see each
 * other's tables); its URL.
 */
export async function createTestDatabase(adminUrl: string, label: string): Promise<string> {
  const name = `omrecon_${label
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "_")
    .slice(0, 30)}_${randomBytes(4).toString("hex")}`;
  const client = new pg.Client({ connectionString: adminUrl, connectionTimeoutMillis: 10_000 });
  await client.connect();
  try {
    await client.query(`create database ${name}`);
  } finally {
    await client.end();
  }
  return withDatabase(adminUrl, name);
}

/**
 * A fresh schema in the database of `databaseUrl`, and the URL that makes it the search path: one
 * per store a test opens (as a test makes a new SQLite file), cheaper than a database each.
 */
export async function createTestSchema(databaseUrl: string): Promise<string> {
  const schema = `s_${randomBytes(6).toString("hex")}`;
  const client = new pg.Client({ connectionString: databaseUrl, connectionTimeoutMillis: 10_000 });
  await client.connect();
  try {
    await client.query(`create schema ${schema}`);
  } finally {
    await client.end();
  }
  const u = new URL(databaseUrl);
  u.searchParams.set("options", `-c search_path=${schema}`);
  return u.toString();
}
