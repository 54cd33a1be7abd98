/**
 * Connecting to Postgres: a small `pg` pool for one store, with the parsers of types.ts, a deadline
 * on connecting, TCP keepalive (a server gone silent is noticed), and the password from the URL, or
 * else from libpq's `PGPASSWORD` or password file (`PGPASSFILE`, default `~/.pgpass`), read through
 * the `pgpass` module when the server asks for one. The first connection is made here, so that a
 * wrong host, login or database fails `openStore` with one line.
 */
import { createRequire } from "node:module";
import pg from "pg";
import type { PgSetup } from "./dialect.js";
import { translatePgFailure } from "./failure.js";
import { STORE_TYPES } from "./types.js";
import { displayName, passwordOf } from "./url.js";

export interface PgOpenOptions {
  /** Milliseconds a statement waits for a lock. Default 10 000 (SQLite's busy timeout). */
  busyTimeoutMs?: number;
  /** Milliseconds to wait for a connection. Default 10 000. */
  connectTimeoutMs?: number;
}

/** Connections per store: a writer, the lock's heartbeat and a reader or two. */
const POOL_SIZE = 4;
/** A hung holder's transaction (and its locks) ends after this long idle. */
const IDLE_TRANSACTION_MS = 10 * 60_000;

export interface PgPool {
  pool: pg.Pool;
  setup: PgSetup;
}

export function createPgPool(url: string, options: PgOpenOptions = {}): PgPool {
  const secret = passwordOf(url);
  const setup: PgSetup = {
    name: displayName(url),
    secret,
    lockTimeoutMs: options.busyTimeoutMs ?? 10_000,
    idleTransactionMs: IDLE_TRANSACTION_MS,
  };
  const pool = new pg.Pool({
    connectionString: url.trim(),
    max: POOL_SIZE,
    connectionTimeoutMillis: options.connectTimeoutMs ?? 10_000,
    idleTimeoutMillis: 10_000,
    keepAlive: true,
    keepAliveInitialDelayMillis: 10_000,
    // An idle pool never keeps a program alive that forgot to close its store.
    allowExitOnIdle: true,
    application_name: "omrecon",
    types: STORE_TYPES,
    // pg takes an undefined answer as no password (the server may not ask for one).
    ...(secret === undefined && { password: libpqPassword as () => Promise<string> }),
  });
  // A pooled connection that fails while idle (the server restarted) is dropped; the next query
  // opens another or says why it cannot.
  pool.on("error", () => {});
  return { pool, setup };
}

/** libpq's order: PGPASSWORD, then the password file; undefined lets the server decide (trust, peer). */
function libpqPassword(parameters: unknown): Promise<string | undefined> {
  const fromEnv = process.env.PGPASSWORD;
  if (fromEnv !== undefined && fromEnv !== "") return Promise.resolve(fromEnv);
  return new Promise((resolve) => {
    try {
      // CommonJS without types; loaded only when a server asks for a password the URL does not carry.
      const pgpass = createRequire(import.meta.url)("pgpass") as (
        connection: Record<string, unknown>,
        callback: (password: string | undefined) => void,
      ) => void;
      pgpass(parameters as Record<string, unknown>, (password: string | undefined) => resolve(password));
    } catch {
      resolve(undefined);
    }
  });
}

/** Connects once, so that a wrong host, login or database is the open's failure and not a later query's. */
export async function probeConnection(handle: PgPool): Promise<void> {
  let client: pg.PoolClient;
  try {
    client = await handle.pool.connect();
  } catch (error) {
    throw translatePgFailure(handle.setup.name, "open", error, handle.setup.secret);
  }
  client.release();
}
