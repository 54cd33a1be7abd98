/**
 * The `OMRECON_DB` row for a Postgres URL: the server reached with these credentials, omrecon's
 * tables there or not (the first sync creates them), and the privileges the role lacks for what
 * omrecon does. Catalog reads in a read-only transaction: `check` changes nothing. The URL is named
 * without its password.
 */
import { isOmreconError } from "@omrecon/core";
import { inspectStore } from "@omrecon/store";
import type { CheckRow } from "./report.js";

const row = (status: string, verdict: CheckRow["verdict"], differences: string[]): CheckRow => ({
  section: "settings",
  what: "OMRECON_DB",
  status,
  verdict,
  differences,
});

export async function checkPostgres(url: string): Promise<CheckRow> {
  let found: Awaited<ReturnType<typeof inspectStore>>;
  try {
    found = await inspectStore(url);
  } catch (error) {
    if (isOmreconError(error)) return row("unusable", "incompatible", [error.message]);
    throw error;
  }
  const server = `Postgres ${found.server ?? "?"}`;
  const where = `${found.name}${found.schema ? ` (schema ${found.schema})` : ""}`;
  if (found.newer.length > 0) {
    return row(server, "incompatible", [
      where,
      `written by a newer omrecon (${found.newer.join(", ")} unknown): upgrade omrecon or point OMRECON_DB elsewhere`,
    ]);
  }
  if (found.readOnly)
    return row(server, "incompatible", [
      where,
      "the server accepts no writes (a standby?): point OMRECON_DB at the primary",
    ]);
  if (found.missing.length > 0) {
    return row(server, "incompatible", [
      where,
      ...found.missing.map((m) => `the role lacks ${m} (docs/postgres.md#least-privileges)`),
    ]);
  }
  const tables =
    found.migrations.length === 0
      ? "no omrecon tables yet: the first sync creates them"
      : found.pending.length > 0
        ? `omrecon's tables, ${found.pending.length} migration(s) to run on the next open`
        : "omrecon's tables, up to date";
  return row(server, "ok", [where, tables]);
}
