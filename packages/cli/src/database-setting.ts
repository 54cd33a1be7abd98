/**
 * Where the database is (docs/cli.md#settings): `--db`,
 * `OMRECON_DB`, or a file named by `OMRECON_DB_FILE` holding it (a Kubernetes Secret mounted as a
 * file, docs/postgres.md#the-password), else the default SQLite file. A `postgres://` URL may carry
 * a password there, never in `--db`: argv is visible to every user of the machine, as the API key
 * would be (there is no flag for it either).
 */
import { ConfigError } from "./errors.js";
import { nonEmpty, settingOrFile } from "./setting-or-file.js";

const POSTGRES = /^postgres(ql)?:\/\//i;

type Env = Record<string, string | undefined>;

export function databaseLocation(flag: string | undefined, env: Env, fallback: string): string {
  const fromFlag = nonEmpty(flag);
  if (fromFlag !== undefined) {
    if (POSTGRES.test(fromFlag) && databasePassword(fromFlag) !== undefined) {
      throw new ConfigError(
        "--db must not carry a password (argv is visible to every user of this machine); put the URL in OMRECON_DB or OMRECON_DB_FILE, or the password in PGPASSWORD or ~/.pgpass",
      );
    }
    return checked(fromFlag, "--db");
  }
  const given = settingOrFile(env, "OMRECON_DB", {
    holding: "the database URL or path",
    putIn: "the database URL or path",
  });
  return given === undefined ? fallback : checked(given.value, given.from);
}

/** A Postgres URL must parse; the message never echoes it (it may hold a password). */
function checked(location: string, name: string): string {
  if (!POSTGRES.test(location)) return location;
  try {
    new URL(location.replace(/^postgresql:/i, "postgres:"));
  } catch {
    throw new ConfigError(
      `${name} is not a Postgres URL omrecon can read; write it as postgres://USER@HOST:PORT/DATABASE (docs/postgres.md)`,
    );
  }
  return location;
}

/** The password a Postgres URL carries (in its authority or as `?password=`), to be redacted everywhere. */
export function databasePassword(location: string | undefined): string | undefined {
  if (location === undefined || !POSTGRES.test(location.trim())) return undefined;
  try {
    const url = new URL(location.trim().replace(/^postgresql:/i, "postgres:"));
    const password = url.password !== "" ? decodeURIComponent(url.password) : url.searchParams.get("password");
    return password === null || password === "" ? undefined : password;
  } catch {
    return undefined;
  }
}
