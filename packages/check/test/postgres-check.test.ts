import { createServer } from "node:net";
import { openStore } from "@omrecon/store";
import { testDatabase, testDialects } from "@omrecon/store/testing";
import { describe, expect, it } from "vitest";
import { checkPostgres } from "../src/postgres-check.js";

const postgres = testDialects().find((d) => d.name === "postgres")!;

describe.skipIf(postgres.skip !== null)(`check's OMRECON_DB row for a Postgres URL [${postgres.title}]`, () => {
  it("says a new database is fine (the first sync makes the tables) and changes nothing; then that the tables are up to date", async () => {
    const url = await postgres.location();
    const first = await checkPostgres(url);
    expect(first).toMatchObject({ what: "OMRECON_DB", verdict: "ok" });
    expect(first.status).toMatch(/^Postgres \d+/);
    expect(first.differences[1]).toBe("no omrecon tables yet: the first sync creates them");
    const store = await openStore(url);
    // check created nothing: this open ran every migration.
    const names = await testDatabase(store).query<{ name: string }>("SELECT name FROM kysely_migration");
    expect(names.length).toBeGreaterThan(0);
    await store.close();
    expect((await checkPostgres(url)).differences[1]).toBe("omrecon's tables, up to date");
  });

  it("says what the role lacks, and names a server it cannot reach in one line without the password", async () => {
    const url = await postgres.location();
    const store = await openStore(url);
    await testDatabase(store).query(
      "INSERT INTO kysely_migration (name, timestamp) VALUES ('099_future', '2030-01-01')",
    );
    await store.close();
    const newer = await checkPostgres(url);
    expect(newer.verdict).toBe("incompatible");
    expect(newer.differences[1]).toMatch(/^written by a newer omrecon \(099_future unknown\)/);

    const closed = new URL(process.env.OMRECON_TEST_POSTGRES_URL!);
    closed.port = String(
      await new Promise<number>((resolve) => {
        const s = createServer().listen(0, "127.0.0.1", () => {
          const { port } = s.address() as { port: number };
          s.close(() => resolve(port));
        });
      }),
    );
    const unreachable = await checkPostgres(closed.toString());
    expect(unreachable).toMatchObject({ status: "unusable", verdict: "incompatible" });
    expect(unreachable.differences[0]).toMatch(/^cannot reach postgres:\/\/omrecon@127\.0\.0\.1:\d+\/postgres: /);
    expect(JSON.stringify(unreachable)).not.toContain(closed.password);
  });
});
