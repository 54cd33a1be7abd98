import { type ChildProcessWithoutNullStreams, spawn } from "node:child_process";
import { createServer } from "node:net";
import { dirname, join } from "node:path";
import { createInterface } from "node:readline";
import { fileURLToPath } from "node:url";
import pg from "pg";
import { afterEach, describe, expect, it } from "vitest";
import {
  listFindings,
  listTransfers,
  openStore,
  readReportSnapshot,
  recordRunFindings,
  type Store,
  StoreError,
  takeLock,
  upsertOrders,
  upsertTransfers,
  writeTransaction,
} from "../src/index.js";
import { KNOWN_MIGRATIONS } from "../src/migrations/index.js";
import { testDatabase } from "../src/testing.js";
import { DIALECTS, orderRow } from "./helpers.js";

const postgres = DIALECTS.find((d) => d.name === "postgres")!;
const packageDir = join(dirname(fileURLToPath(import.meta.url)), "..");

/** A child running test/child.ts; its JSON lines as they come. */
function child(location: string, ...args: string[]) {
  const process_ = spawn(
    process.execPath,
    ["--import", "tsx", "--conditions=@omrecon/source", "test/child.ts", location, ...args],
    { cwd: packageDir },
  ) as ChildProcessWithoutNullStreams;
  const lines = createInterface({ input: process_.stdout })[Symbol.asyncIterator]();
  return {
    process: process_,
    async next(): Promise<Record<string, string>> {
      const line = await lines.next();
      if (line.done) throw new Error("the child ended without a word");
      return JSON.parse(line.value) as Record<string, string>;
    },
    exited: new Promise<number | null>((resolve) => process_.once("exit", (code) => resolve(code))),
  };
}

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const server = createServer().listen(0, "127.0.0.1", () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

describe.skipIf(postgres.skip !== null)(`Postgres: what differs from SQLite [${postgres.title}]`, () => {
  const open: Store[] = [];
  const opened = async (location: string, options?: Parameters<typeof openStore>[1]) => {
    const store = await openStore(location, options);
    open.push(store);
    return store;
  };
  afterEach(async () => {
    for (const store of open.splice(0)) await store.close();
  });

  it("makes every integer a bigint, every time a timestamptz read back as the stored text, every text byte-ordered", async () => {
    const store = await opened(await postgres.location());
    const raw = testDatabase(store);
    const columns = await raw.query<{
      table_name: string;
      column_name: string;
      data_type: string;
      collation_name: string | null;
    }>(
      `SELECT table_name, column_name, data_type, collation_name FROM information_schema.columns
       WHERE table_schema = current_schema() AND table_name NOT LIKE 'kysely%'`,
    );
    const types = new Set(columns.map((c) => c.data_type));
    expect([...types].sort()).toEqual(["bigint", "text", "timestamp with time zone"]);
    expect(columns.filter((c) => c.data_type === "text").every((c) => c.collation_name === "C")).toBe(true);
    expect(columns.find((c) => c.table_name === "orders" && c.column_name === "created_at")?.data_type).toBe(
      "timestamp with time zone",
    );

    // Keys in byte order, as SQLite's BINARY collation lists them, whatever the server's own collation says.
    const keys = ["b:1", "B:1", "a:1", "_:1", "é:1", "Z:1", "a:10", "a:9"];
    await recordRunFindings(
      store.db,
      1,
      "2026-04-17T00:00:00.000Z",
      keys.map((key) => ({
        key,
        kind: "orphan_transfer",
        severity: "warning",
        order_id: null,
        payment_memo: null,
        tx_hash: null,
        expected_nano: null,
        received_nano: 2n ** 62n,
        amount_nano: 2n ** 62n,
        message: "m",
      })),
    );
    const listed = await listFindings(store.db);
    const byteOrder = [...keys].sort((x, y) => Buffer.compare(Buffer.from(x), Buffer.from(y)));
    expect(listed.map((f) => f.key)).toEqual(byteOrder);
    expect(listed[0]).toMatchObject({
      received_nano: 2n ** 62n,
      first_seen_at: "2026-04-17T00:00:00.000Z",
      first_seen_run: 1n,
    });
  });

  it("stores U+0000 of outside text (a TON comment) as U+FFFD: Postgres text cannot hold it", async () => {
    const store = await opened(await postgres.location());
    await upsertTransfers(store.db, [
      {
        hash: "ab".repeat(32),
        lt: 1n,
        utime: 1_760_000_000,
        address: `0:${"11".repeat(32)}`,
        source: null,
        value_nano: 1n,
        comment: "STARS-1\0hidden",
        body_kind: "text",
        external: 0,
        bounced: 0,
        aborted: 0,
        sent_back: 0,
        read_at: "2026-04-17T00:00:00.000Z",
      },
    ]);
    await upsertOrders(store.db, [orderRow(1, { recipient_username: "a\0b" })]);
    expect((await listTransfers(store.db))[0]?.comment).toBe("STARS-1\uFFFDhidden");
  });

  it("serialises write transactions of two stores (processes) on one database, and a wait past the busy timeout is one line", async () => {
    const location = await postgres.location();
    const a = await opened(location);
    const b = await opened(location, { busyTimeoutMs: 300 });
    let release!: () => void;
    const held = new Promise<void>((resolve) => {
      release = resolve;
    });
    let entered!: () => void;
    const inside = new Promise<void>((resolve) => {
      entered = resolve;
    });
    const first = writeTransaction(a.db, async (trx) => {
      await upsertOrders(trx, [orderRow(1)]);
      entered();
      await held;
    });
    await inside;
    const error = await writeTransaction(b.db, (trx) => upsertOrders(trx, [orderRow(2)])).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(StoreError);
    expect((error as Error).message).toBe(
      `cannot write ${b.path}: another process kept the database locked too long; try again when it is done`,
    );
    release();
    await first;
    expect(await writeTransaction(b.db, (trx) => upsertOrders(trx, [orderRow(2)]))).toEqual({
      inserted: 1,
      updated: 0,
    });
  });

  it("migrates a new database once when two processes open it at the same moment", async () => {
    const location = await postgres.location();
    const children = [child(location, "open"), child(location, "open")];
    const answers = await Promise.all(children.map((c) => c.next()));
    expect(answers).toEqual([{ opened: true }, { opened: true }]);
    await Promise.all(children.map((c) => c.exited));
    const store = await opened(location);
    const names = await testDatabase(store).query<{ name: string }>("SELECT name FROM kysely_migration ORDER BY name");
    expect(names.map((r) => r.name)).toEqual([...KNOWN_MIGRATIONS].sort());
  });

  it("gives the lock to one of two processes, refuses the other naming the holder, and takes it over at once when the holder is killed", async () => {
    const location = await postgres.location();
    const holder = child(location, "hold-lock", "sync");
    const held = await holder.next();
    expect(held.held).toMatch(/:\d+:[0-9a-f]{8}$/);
    const other = child(location, "hold-lock", "sync");
    expect(await other.next()).toEqual({ busy: held.held });
    await other.exited;
    holder.process.kill("SIGKILL");
    await holder.exited;
    const store = await opened(location);
    const attempt = await takeLock(store.db, { name: "sync", heartbeat: false });
    expect("held" in attempt && attempt.held.tookOver).toMatchObject({ owner: held.held, why: "died" });
    if ("held" in attempt) await attempt.held.release();
  });

  it("a server of a newer omrecon, an empty schema opened for reading: the same lines as for a file", async () => {
    const location = await postgres.location();
    const empty = await openStore(location, { readonly: true }).catch((e: unknown) => e as Error);
    expect(empty).toBeInstanceOf(StoreError);
    const name = (await opened(location)).path;
    expect((empty as Error).message).toBe(
      `cannot open ${name}: no such database; run \`pnpm sync\` first or point OMRECON_DB elsewhere`,
    );
    await testDatabase(open[0]!).query(
      "INSERT INTO kysely_migration (name, timestamp) VALUES ('012_alerts_outbox', '2027-01-01')",
    );
    const newer = await openStore(location).catch((e: unknown) => e as Error);
    expect((newer as Error).message).toBe(
      `cannot use ${name}: written by a newer omrecon (migration 012_alerts_outbox unknown); upgrade omrecon or point OMRECON_DB elsewhere`,
    );
  });
});

describe.skipIf(postgres.skip !== null)(`Postgres: the roles docs/postgres.md sets up [${postgres.title}]`, () => {
  it("omrecon's own role (owner of its schema, nothing more) runs everything; a reader role reads the report and writes nothing", async () => {
    const admin = new URL(process.env.OMRECON_TEST_POSTGRES_URL!);
    const database = new URL(await postgres.location()).pathname.slice(1);
    const suffix = Math.random().toString(36).slice(2, 8);
    const owner = `omrecon_${suffix}`;
    const reader = `omrecon_reader_${suffix}`;
    const adminDb = new URL(admin);
    adminDb.pathname = `/${database}`;
    const sql = async (url: URL | string, text: string) => {
      const client = new pg.Client({ connectionString: url.toString() });
      await client.connect();
      try {
        return (await client.query(text)).rows;
      } finally {
        await client.end();
      }
    };
    const as = (role: string) => {
      const url = new URL(adminDb);
      url.username = role;
      url.password = "pw-of-the-role";
      url.search = "";
      return url.toString();
    };
    // docs/postgres.md#a-database-and-a-role and #a-read-only-role-for-bi-tools, word for word but the names.
    await sql(adminDb, `CREATE ROLE ${owner} LOGIN PASSWORD 'pw-of-the-role'`);
    await sql(adminDb, `GRANT CONNECT ON DATABASE ${database} TO ${owner}`);
    await sql(adminDb, `CREATE SCHEMA ${owner} AUTHORIZATION ${owner}`);
    await sql(adminDb, `CREATE ROLE ${reader} LOGIN PASSWORD 'pw-of-the-role'`);
    await sql(adminDb, `GRANT CONNECT ON DATABASE ${database} TO ${reader}`);
    await sql(adminDb, `GRANT USAGE ON SCHEMA ${owner} TO ${reader}`);
    await sql(
      adminDb,
      `ALTER DEFAULT PRIVILEGES FOR ROLE ${owner} IN SCHEMA ${owner} GRANT SELECT ON TABLES TO ${reader}`,
    );
    await sql(adminDb, `ALTER ROLE ${reader} SET default_transaction_read_only = on`);
    await sql(adminDb, `ALTER ROLE ${reader} SET search_path = ${owner}`);
    try {
      const store = await opened(as(owner));
      await upsertOrders(store.db, [orderRow(1), orderRow(2)]);
      const lock = await takeLock(store.db, { name: "sync", heartbeat: false });
      expect("held" in lock).toBe(true);
      if ("held" in lock) {
        await writeTransaction(store.db, async (trx) => {
          await lock.held.assertHeld(trx);
          await upsertOrders(trx, [orderRow(3)]);
        });
        await lock.held.release();
      }
      // The tables went into the role's own schema ("$user" comes first in the default search_path).
      expect(await sql(adminDb, `SELECT count(*)::int AS n FROM ${owner}.orders`)).toEqual([{ n: 3 }]);

      const readerStore = await opened(as(reader), { readonly: true });
      const rows = await readReportSnapshot(readerStore.db, async (r) => {
        const out: unknown[] = [];
        for await (const chunk of r.orders("2026-01-01T00:00:00.000Z", "2027-01-01T00:00:00.000Z")) out.push(...chunk);
        return out;
      });
      expect(rows).toHaveLength(3);
      const write = await upsertOrders(readerStore.db, [orderRow(9)]).catch((e: unknown) => e as Error);
      expect(write).toBeInstanceOf(StoreError);
      expect((write as Error).message).toMatch(
        /^cannot write postgres:\/\/omrecon_reader_\w+@.*: (permission denied|the server accepts no writes)/,
      );
    } finally {
      for (const store of open.splice(0)) await store.close();
      await sql(adminDb, `DROP OWNED BY ${reader}`);
      await sql(adminDb, `DROP OWNED BY ${owner} CASCADE`);
      await sql(adminDb, `DROP ROLE ${reader}`);
      await sql(adminDb, `DROP ROLE ${owner}`);
    }
  });

  const open: Store[] = [];
  const opened = async (location: string, options?: Parameters<typeof openStore>[1]) => {
    const store = await openStore(location, options);
    open.push(store);
    return store;
  };
});

describe.skipIf(postgres.skip !== null)(
  `Postgres: what a person reads when the server cannot be used (one line, never the password) [${postgres.title}]`,
  () => {
    const admin = () => new URL(process.env.OMRECON_TEST_POSTGRES_URL!);
    async function failure(location: string): Promise<string> {
      const error = await openStore(location).then(
        async (s) => {
          await s.close();
          return new Error("opened");
        },
        (e: unknown) => e as Error,
      );
      expect(error).toBeInstanceOf(StoreError);
      expect(error.message).not.toContain("\n");
      expect(error.message).not.toContain(admin().password);
      return error.message;
    }

    it("a server that does not answer", async () => {
      const url = admin();
      url.port = String(await freePort());
      expect(await failure(url.toString())).toMatch(
        new RegExp(
          `^cannot reach postgres://omrecon@127\\.0\\.0\\.1:${url.port}/postgres: .*ECONNREFUSED.*; check that the server runs and the host and port, or point OMRECON_DB elsewhere$`,
        ),
      );
    });

    it("a login the server refuses: names the user and where the password may come from, never the password", async () => {
      const url = admin();
      url.password = "not-the-password-8f3a";
      const line = await failure(url.toString());
      expect(line).toMatch(
        /^cannot open postgres:\/\/omrecon@127\.0\.0\.1:\d+\/postgres: the server refused the login \(password authentication failed for user "omrecon"\); check the user and its password/,
      );
      expect(line).not.toContain("not-the-password-8f3a");
    });

    it("a database the server does not have", async () => {
      const url = admin();
      url.pathname = "/omrecon_nowhere";
      expect(await failure(url.toString())).toMatch(
        /^cannot open postgres:\/\/omrecon@127\.0\.0\.1:\d+\/omrecon_nowhere: the server has no such database; create it/,
      );
    });

    it("a search_path naming no schema that exists", async () => {
      const url = admin();
      url.searchParams.set("options", "-c search_path=nowhere");
      expect(await failure(url.toString())).toMatch(
        /^cannot write postgres:\/\/omrecon@127\.0\.0\.1:\d+\/postgres: no schema to create omrecon's tables in/,
      );
    });
  },
);
