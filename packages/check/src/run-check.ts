/**
 * `runCheck`: the settings, then every read-only endpoint of the partner API, the TON endpoint and
 * the API's OpenAPI document if it has one — each compared with what omrecon needs, as rows of a
 * table with a verdict and an exit status (0 compatible, 1 warnings, 2 incompatible or
 * unreachable). Read-only: only GET requests, nothing created, nothing cancelled, no file but the
 * samples asked for.
 */
import { type ClientOptions, OpenMoneyClient } from "@omrecon/client";
import { checkEndpoints } from "./endpoints-check.js";
import { checkOpenApi } from "./openapi.js";
import { checkPostgres } from "./postgres-check.js";
import { type CheckReport, type CheckRow, summarize } from "./report.js";
import { saveSamples } from "./samples.js";
import { checkSettings } from "./settings-check.js";
import { checkTon } from "./ton-check.js";

export interface CheckOptions {
  /** Where the settings come from (`process.env`). */
  env: Record<string, string | undefined>;
  /** `--db`, over `OMRECON_DB`. */
  db?: string | undefined;
  now?: () => Date;
  /** `--save-samples DIR`. */
  saveSamples?: string | undefined;
  /** Client options over check's own (tests: short retry delays). */
  client?: Partial<ClientOptions>;
  /** Told which endpoint is being asked. */
  progress?: (label: string, done: number, total: number) => void;
}

export async function runCheck(options: CheckOptions): Promise<CheckReport> {
  const now = (options.now ?? (() => new Date()))();
  const checked = checkSettings(options.env, options.db);
  const { settings } = checked;
  // A Postgres database is asked over the network (read-only); a SQLite file was looked at above.
  const settingsRows =
    settings !== null && /^postgres(ql)?:\/\//i.test(settings.dbPath)
      ? await Promise.all(
          checked.rows.map((r) => (r.what === "OMRECON_DB" ? checkPostgres(settings.dbPath) : Promise.resolve(r))),
        )
      : checked.rows;
  if (settings === null || settings.apiKey === undefined) return report(settingsRows, null, null, 0);
  const client = new OpenMoneyClient({
    apiKey: settings.apiKey,
    baseUrl: settings.baseUrl,
    userAgent: "check",
    maxRetries: 2,
    timeout: 15_000,
    ...options.client,
  });
  try {
    const endpoints = await checkEndpoints(client, now, options.progress);
    const ton = await checkTon(settings, endpoints.topupAddress);
    const openapi = endpoints.stopped ? { rows: [], document: null } : await checkOpenApi(client);
    let samplesDir: string | null = null;
    if (options.saveSamples !== undefined) {
      saveSamples(options.saveSamples, endpoints.probes, openapi.document);
      samplesDir = options.saveSamples;
    }
    const rows = [...settingsRows, ...ton, ...endpoints.rows, ...openapi.rows];
    return report(rows, settings.baseUrl, samplesDir, client.requestCount);
  } finally {
    await client.close();
  }
}

function report(rows: CheckRow[], baseUrl: string | null, samplesDir: string | null, requests: number): CheckReport {
  return { ...summarize(rows), baseUrl, rows, samplesDir, requests };
}
