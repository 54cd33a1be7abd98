/**
 * The settings rows: the key (present, shaped `osk_…`, never printed), the base URL, and whether
 * the database path can be written — looked at, never created: `check` changes nothing (a Postgres
 * URL is asked by postgres-check.ts).
 */
import { accessSync, constants, existsSync, statSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { DEFAULTS, loadSettings, type Settings } from "@omrecon/cli";
import type { CheckRow } from "./report.js";

export interface SettingsOutcome {
  rows: CheckRow[];
  /** Null when the settings are unusable (the row says why). */
  settings: Settings | null;
}

const row = (what: string, status: string, verdict: CheckRow["verdict"], differences: string[] = []): CheckRow => ({
  section: "settings",
  what,
  status,
  verdict,
  differences,
});

export function checkSettings(env: Record<string, string | undefined>, db: string | undefined): SettingsOutcome {
  let settings: Settings;
  try {
    settings = loadSettings(env, { db }, { requireApiKey: true });
  } catch (error) {
    // loadSettings names the variable and the fix, never the key's value.
    return { rows: [row("settings", "unusable", "incompatible", [(error as Error).message])], settings: null };
  }
  const fromFile = !env.OPENMONEY_API_KEY?.trim();
  const rows = [
    row("OPENMONEY_API_KEY", fromFile ? "set (file)" : "set", "ok", [
      `shaped osk_…${fromFile ? ", read from OPENMONEY_API_KEY_FILE" : ""} (never printed)`,
    ]),
    row("OPENMONEY_BASE_URL", settings.baseUrl === DEFAULTS.baseUrl ? "default" : "set", "ok", [settings.baseUrl]),
    checkDatabase(settings.dbPath),
  ];
  return { rows, settings };
}

/** Whether sync could open (or create) the SQLite file at `path`, and its `-wal` beside it. */
export function checkDatabase(path: string): CheckRow {
  const what = "OMRECON_DB";
  // runCheck asks a Postgres server itself (postgres-check.ts); nothing of the URL is shown here.
  if (/^postgres(ql)?:\/\//i.test(path)) return row(what, "Postgres", "info", ["a Postgres URL"]);
  const file = resolve(path);
  if (existsSync(file)) {
    if (!statSync(file).isFile()) return row(what, "not a file", "incompatible", [`${file} exists and is not a file`]);
    if (!writable(file)) {
      return row(what, "read-only", "incompatible", [`${file} cannot be written by this user; sync writes it`]);
    }
    if (!writable(dirname(file))) {
      return row(what, "read-only", "incompatible", [
        `${dirname(file)} cannot be written: SQLite keeps its -wal and -shm files beside the database`,
      ]);
    }
    return row(what, "writable", "ok", [file]);
  }
  let dir = dirname(file);
  while (!existsSync(dir) && dirname(dir) !== dir) dir = dirname(dir);
  if (!statSync(dir).isDirectory() || !writable(dir)) {
    return row(what, "cannot create", "incompatible", [`${file} does not exist and ${dir} cannot be written`]);
  }
  return row(what, "absent", "ok", [`${file} will be created (owner-only) by the first sync`]);
}

function writable(path: string): boolean {
  try {
    accessSync(path, constants.W_OK);
    return true;
  } catch {
    return false;
  }
}
