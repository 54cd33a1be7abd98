import { rmSync } from "node:fs";
import { join, resolve } from "node:path";
import { createLogger, intFlag, parseCommandLine, stopOnSignals } from "@omrecon/cli";
import { OpenMoneyClient } from "@omrecon/client";
import { type FindingKind, formatTon, SEVERITY_RANK, severityOf } from "@omrecon/core";
import { connectReconcile } from "@omrecon/reconcile";
import { type Sandbox, startSandbox } from "@omrecon/sandbox";
import { openStore, windowVolume } from "@omrecon/store";
import type { Io } from "./io.js";
import { nightlyJson } from "./output.js";
import { type NightlyOutcome, runNightly } from "./pipeline.js";

export const DEMO_HELP = `Usage: pnpm demo [--out DIR] [--seed N] [--orders N] [--days D] [--json]

Starts a seeded sandbox of the partner API and of the TON HTTP API in this process, with one or two
anomalies of every kind planted, runs the nightly job against it (sync → reconcile → report) into
DIR (default ./demo-out, database included), prints what it found and where the CSV files are, and
checks the findings against the sandbox's ground truth. No key or network needed. Exit status 0
when the demo worked (whatever it found), 2 when it did not.

Options:
  --out DIR      where the database and the CSV files go (default ./demo-out; replaced each run)
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

/** What the service bills for (docs/cli.md, `billed_ton`). */
const BILLED_STATUSES = ["paid", "processing", "completed"];

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

function summary(
  sandbox: Sandbox,
  outcome: NightlyOutcome,
  volume: { billed: bigint; received: bigint },
  check: TruthCheck,
  seconds: number,
): string {
  const byKind = new Map<string, number>();
  for (const f of outcome.run.findings) byKind.set(f.kind, (byKind.get(f.kind) ?? 0) + 1);
  const kinds = [...byKind.entries()].sort(
    ([a], [b]) =>
      SEVERITY_RANK[severityOf(b as FindingKind)] - SEVERITY_RANK[severityOf(a as FindingKind)] || a.localeCompare(b),
  );
  const t = outcome.run.totals;
  const lines = [
    `omrecon demo: sandbox seed ${sandbox.world.options.seed}, ${n(sandbox.world.orders.length)} orders over ${sandbox.world.options.days} days`,
    `  sync       ${n(outcome.sync.orders.fetched)} orders and ${n(outcome.sync.balance_transactions.fetched)} balance transactions in ${n(outcome.sync.requests)} requests`,
    `  reconcile  ${n(t.orders)} orders, ${n(t.transfers)} transfers, ${n(t.matched)} matched; ${n(t.findings)} findings`,
    `  volume     ${formatTon(volume.billed)} TON billed, ${formatTon(volume.received)} TON received on chain`,
    "findings by kind:",
    ...kinds.map(([kind, count]) => `  ${severityOf(kind as FindingKind).padEnd(8)}  ${kind.padEnd(24)} ${count}`),
    check.missing.length === 0 && check.extra.length === 0
      ? `ground truth: all ${check.expected} planted findings found, nothing extra`
      : `ground truth: MISMATCH — missing ${check.missing.join(", ") || "none"}; extra ${check.extra.join(", ") || "none"}`,
    "CSV files:",
    ...outcome.report.files.map((f) => `  ${f.path}  (${n(f.rows)} rows)`),
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
  const store = await openStore(dbPath);
  const client = new OpenMoneyClient({ apiKey: sandbox.apiKey, baseUrl: sandbox.apiUrl, logger, userAgent: "demo" });
  // A TON endpoint on this machine is read without toncenter's pacing (connectReconcile decides).
  const reconcileWith = connectReconcile(
    {
      apiKey: sandbox.apiKey,
      baseUrl: sandbox.apiUrl,
      tonEndpoint: sandbox.tonEndpoint,
      tonApiKey: undefined,
      webhookUrl: undefined,
      webhookSecret: undefined,
    },
    { store, logger, now: io.now, client },
  );
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
    const volumeNano = await windowVolume(store.db, { ...window, billedStatuses: BILLED_STATUSES });
    const volume = { billed: volumeNano.billed_nano, received: volumeNano.received_nano };
    const check = checkTruth(sandbox, outcome);
    const seconds = (performance.now() - started) / 1000;
    if (values.json) {
      io.stdout.write(
        `${JSON.stringify({
          sandbox: { seed, orders, days, api_url: sandbox.apiUrl, ton_endpoint: sandbox.tonEndpoint },
          nightly: nightlyJson(outcome),
          volume: { billed_ton: formatTon(volume.billed), received_ton: formatTon(volume.received) },
          truth: check,
          duration_ms: Math.round(seconds * 1000),
        })}\n`,
      );
    } else {
      io.stdout.write(summary(sandbox, outcome, volume, check, seconds));
    }
    // The demo worked when the toolkit found exactly what the sandbox planted.
    return check.missing.length === 0 && check.extra.length === 0 ? 0 : 2;
  } finally {
    stop.dispose();
    await reconcileWith.close();
    await client.close();
    await store.close();
    await sandbox.stop();
  }
}
