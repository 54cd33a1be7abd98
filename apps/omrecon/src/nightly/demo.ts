import { rmSync } from "node:fs";
import { join, resolve } from "node:path";
import { createLogger, type Io, intFlag, parseCommandLine, type Settings, stopOnSignals } from "@omrecon/cli";
import { type FindingKind, SEVERITY_RANK, severityOf } from "@omrecon/core";
import { connectReconcile } from "@omrecon/reconcile";
import { bridgeLines, fileContents, tonText } from "@omrecon/report";
import { type Sandbox, startSandbox } from "@omrecon/sandbox";
import { type Connection, connect } from "../connect.js";
import { nightlyJson } from "./output.js";
import { type NightlyOutcome, runNightly } from "./pipeline.js";

export const DEMO_HELP = `Usage: omrecon demo [--out DIR] [--seed N] [--orders N] [--days D] [--json]

Starts a seeded sandbox of the partner API and of the TON HTTP API in this process, with one or two
anomalies of every kind planted, runs the nightly job against it (sync → reconcile → report) into
DIR (default ./demo-out, database included), prints what it found, the billed-to-received bridge and
where the report files (CSV, workbook, summary page, manifest) are, and
checks the findings against the sandbox's ground truth. No key or network needed. Exit status 0
when the demo worked (whatever it found), 2 when it did not.

Options:
  --out DIR      where the database and the report files go (default ./demo-out; replaced each run)
  --seed N       world seed (default 42)
  --orders N     orders in the world (default 2000)
  --days D       days of history (default 7)
  --json         one JSON document {sandbox, nightly, truth} on stdout
  -h, --help     this help
`;

const demoFlags = {
  out: { type: "string" },
  seed: { type: "string" },
  orders: { type: "string" },
  days: { type: "string" },
  json: { type: "boolean" },
  help: { type: "boolean", short: "h" },
} as const;

/** Every finding kind, so the demo shows each one once or twice. */
const DEMO_PLANT: Partial<Record<FindingKind, number>> = {
  missing_payment: 2,
  unrecognized_payment: 1,
  underpaid: 2,
  overpaid: 1,
  late_payment: 1,
  duplicate_payment: 1,
  tx_hash_mismatch: 1,
  orphan_transfer: 2,
  bounced_transfer: 1,
  balance_chain_break: 1,
  balance_mismatch: 1,
  topup_without_credit: 1,
  credit_without_topup: 1,
  balance_debit_mismatch: 2,
  control_total_mismatch: 1,
};

export interface TruthCheck {
  expected: number;
  found: number;
  missing: string[];
  extra: string[];
}

function checkTruth(sandbox: Sandbox, outcome: NightlyOutcome): TruthCheck {
  const expected = new Set(sandbox.truth.findings.map((f) => f.key));
  const found = new Set(outcome.run.findings.map((f) => f.key));
  return {
    expected: expected.size,
    found: found.size,
    missing: [...expected].filter((k) => !found.has(k)),
    extra: [...found].filter((k) => !expected.has(k)),
  };
}

const n = (x: number | bigint) => x.toLocaleString("en-US");

function summary(sandbox: Sandbox, outcome: NightlyOutcome, check: TruthCheck, seconds: number): string {
  const byKind = new Map<string, number>();
  const atStake = new Map<string, bigint>();
  for (const f of outcome.run.findings) {
    byKind.set(f.kind, (byKind.get(f.kind) ?? 0) + 1);
    atStake.set(f.kind, (atStake.get(f.kind) ?? 0n) + (f.amount_nano ?? 0n));
  }
  const kinds = [...byKind.entries()].sort(
    ([a], [b]) =>
      SEVERITY_RANK[severityOf(b as FindingKind)] - SEVERITY_RANK[severityOf(a as FindingKind)] || a.localeCompare(b),
  );
  const t = outcome.run.totals;
  const lines = [
    `omrecon demo: sandbox seed ${sandbox.world.options.seed}, ${n(sandbox.world.orders.length)} orders over ${sandbox.world.options.days} days`,
    `  sync       ${n(outcome.sync.orders.fetched)} orders and ${n(outcome.sync.balance_transactions.fetched)} balance transactions in ${n(outcome.sync.requests)} requests`,
    `  reconcile  ${n(t.orders)} orders, ${n(t.transfers)} transfers, ${n(t.matched)} matched; ${n(t.findings)} findings`,
    "billed to received (the bridge closes to the nanoton):",
    ...bridgeLines(outcome.report.summary),
    "findings by kind:",
    ...kinds.map(
      ([kind, count]) =>
        `  ${severityOf(kind as FindingKind).padEnd(8)}  ${kind.padEnd(24)} ${String(count).padStart(3)}  ${tonText(atStake.get(kind) ?? 0n)} TON at stake`,
    ),
    check.missing.length === 0 && check.extra.length === 0
      ? `ground truth: all ${check.expected} planted findings found, nothing extra`
      : `ground truth: MISMATCH — missing ${check.missing.join(", ") || "none"}; extra ${check.extra.join(", ") || "none"}`,
    "report files:",
    ...outcome.report.files.map((f) => `  ${f.path}  (${fileContents(f)})`),
    `database: ${join(outcome.report.out, "omrecon.sqlite")}  ·  ${seconds.toFixed(1)} s`,
  ];
  return `${lines.join("\n")}\n`;
}

/** `pnpm demo`: the nightly job against a fresh in-process sandbox. */
export async function demoMain(argv: readonly string[], io: Io): Promise<number> {
  const { values } = parseCommandLine(argv, demoFlags, { command: "demo" });
  if (values.help) {
    io.stdout.write(DEMO_HELP);
    return 0;
  }
  const started = performance.now();
  const out = resolve(values.out ?? "./demo-out");
  const seed = intFlag("seed", values.seed, 42, 0, 2 ** 31 - 1);
  const orders = intFlag("orders", values.orders, 2000, 200, 1_000_000);
  const days = intFlag("days", values.days, 7, 1, 365);
  const logger = createLogger({ stream: io.stderr, base: { command: "demo" }, level: values.json ? "warn" : "info" });

  logger.info("starting the sandbox", { seed, orders, days });
  const sandbox = await startSandbox({ seed, orders, days, plant: DEMO_PLANT });
  const dbPath = join(out, "omrecon.sqlite");
  for (const suffix of ["", "-wal", "-shm"]) rmSync(`${dbPath}${suffix}`, { force: true });
  // The sandbox's settings, as `loadSettings` would read them from its env lines.
  const settings: Settings = {
    apiKey: sandbox.apiKey,
    baseUrl: sandbox.apiUrl,
    tonEndpoint: sandbox.tonEndpoint,
    tonApiKey: undefined,
    dbPath,
    webhookUrl: undefined,
    webhookSecret: undefined,
    webhookFormat: "json",
    heartbeatUrl: undefined,
    pushgatewayUrl: undefined,
    metricsFile: undefined,
    chainDeadlineMs: undefined,
    chainMaxPages: undefined,
  };
  let connection: Connection;
  try {
    connection = await connect(settings, { command: "demo", logger });
  } catch (error) {
    await sandbox.stop();
    throw error;
  }
  const { client, store } = connection;
  // A TON endpoint on this machine is read without toncenter's pacing (connectReconcile decides).
  const reconcileWith = connectReconcile(settings, { store, logger, now: io.now, client });
  const stop = stopOnSignals(io.signals, (signal) => logger.info(`${signal}: stopping`));
  try {
    const window = { from: new Date(sandbox.truth.window.from), to: new Date(sandbox.truth.window.to) };
    const outcome = await runNightly(
      {
        store,
        source: client,
        reconcile: reconcileWith.ctx,
        logger,
        now: io.now,
        stopSignal: stop.stop,
        abortSignal: stop.abort,
      },
      { out, window, failOn: "warning" },
    );
    const check = checkTruth(sandbox, outcome);
    const seconds = (performance.now() - started) / 1000;
    if (values.json) {
      io.stdout.write(
        `${JSON.stringify({
          sandbox: { seed, orders, days, api_url: sandbox.apiUrl, ton_endpoint: sandbox.tonEndpoint },
          nightly: nightlyJson(outcome),
          truth: check,
          duration_ms: Math.round(seconds * 1000),
        })}\n`,
      );
    } else {
      io.stdout.write(summary(sandbox, outcome, check, seconds));
    }
    // The demo worked when the toolkit found exactly what the sandbox planted.
    return check.missing.length === 0 && check.extra.length === 0 ? 0 : 2;
  } finally {
    stop.dispose();
    await reconcileWith.close();
    await connection.close();
    await sandbox.stop();
  }
}
