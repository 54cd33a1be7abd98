import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { ConfigError, loadSettings, secretsOf } from "../src/index.js";

const URL_WITH_PASSWORD = "postgres://omrecon:s3cr3t-pw@db.internal:5432/omrecon";

describe("the database setting (--db, OMRECON_DB, OMRECON_DB_FILE)", () => {
  it("takes a Postgres URL from OMRECON_DB, password and all, and lists the password among the secrets", () => {
    const settings = loadSettings({ OMRECON_DB: URL_WITH_PASSWORD });
    expect(settings.dbPath).toBe(URL_WITH_PASSWORD);
    expect(secretsOf(settings)).toContain("s3cr3t-pw");
  });

  it("reads the URL from the file OMRECON_DB_FILE names (a mounted Secret), OMRECON_DB winning over it", () => {
    const file = join(mkdtempSync(join(tmpdir(), "omrecon-db-file-")), "url");
    writeFileSync(file, `${URL_WITH_PASSWORD}\n`);
    expect(loadSettings({ OMRECON_DB_FILE: file }).dbPath).toBe(URL_WITH_PASSWORD);
    expect(loadSettings({ OMRECON_DB_FILE: file, OMRECON_DB: "/tmp/x.sqlite" }).dbPath).toBe("/tmp/x.sqlite");
    expect(() => loadSettings({ OMRECON_DB_FILE: join(file, "..", "missing") })).toThrow(
      /^OMRECON_DB_FILE: cannot read .*missing \(ENOENT\); point it at a file holding the database URL or path$/,
    );
  });

  it("refuses a password in --db (argv is visible to every user), without echoing it", () => {
    const error = (() => {
      try {
        loadSettings({}, { db: URL_WITH_PASSWORD });
      } catch (e) {
        return e as Error;
      }
      return new Error("accepted");
    })();
    expect(error).toBeInstanceOf(ConfigError);
    expect(error.message).toMatch(/^--db must not carry a password/);
    expect(error.message).not.toContain("s3cr3t-pw");
    expect(loadSettings({}, { db: "postgres://omrecon@db.internal/omrecon" }).dbPath).toBe(
      "postgres://omrecon@db.internal/omrecon",
    );
  });

  it("names the variable of a Postgres URL it cannot read, never its text", () => {
    expect(() => loadSettings({ OMRECON_DB: "postgres://omrecon:pw@[bad" })).toThrow(
      "OMRECON_DB is not a Postgres URL omrecon can read; write it as postgres://USER@HOST:PORT/DATABASE (docs/postgres.md)",
    );
  });
});
