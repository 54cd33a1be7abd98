import { type Io, intFlag, parseCommandLine, UsageError, untilSignal } from "@omrecon/cli";
import { FINDING_KINDS, type FindingKind, parseInstantIn } from "@omrecon/core";
import { API_SHAPES, isApiShapeName, type Sandbox, type SandboxOptions, startSandbox } from "@omrecon/sandbox";

export const HELP = `Usage: omrecon sandbox [options]

Starts the local simulator of The Open Money partner API and of the TON HTTP API over a seeded
world, prints their URLs, the key and the env lines to paste, and stays up until Ctrl-C.

Options:
  --seed N              world seed (default 1); the same seed, options and --now give the same world
  --orders N            number of orders (default 1000)
  --days D              days of history before now (default 7)
  --now ISO             the world's present (default: now, floored to the minute; without a zone: UTC)
  --plant K=N,…         plant findings: K a finding kind, N a count or a rate like 0.001
  --shape NAME          how the partner API serves its objects (default spec): ${Object.keys(API_SHAPES).join(", ")}
                        (page: exactly the public page's example, no stats endpoint)
  --openapi             also serve an OpenAPI document at <api>/openapi.json
  --port P              partner API port (default: any free port)
  --ton-port P          TON API port (default: any free port)
  --json                print one JSON document (URLs, key, env, ground truth) on stdout
  -h, --help            this help

Finding kinds: ${FINDING_KINDS.join(", ")}
`;

export const sandboxFlags = {
  seed: { type: "string" },
  orders: { type: "string" },
  days: { type: "string" },
  now: { type: "string" },
  plant: { type: "string" },
  shape: { type: "string" },
  openapi: { type: "boolean" },
  port: { type: "string" },
  "ton-port": { type: "string" },
  json: { type: "boolean" },
  help: { type: "boolean", short: "h" },
} as const;

/** `--plant underpaid=3,orphan_transfer=0.001` → the plant option. */
export function parsePlant(text: string): NonNullable<SandboxOptions["plant"]> {
  const plant: NonNullable<SandboxOptions["plant"]> = {};
  for (const item of text
    .split(",")
    .map((s) => s.trim())
    .filter(Boolean)) {
    const [kind, value] = item.split("=").map((s) => s.trim());
    if (!kind || value === undefined || !(FINDING_KINDS as string[]).includes(kind)) {
      throw new UsageError(
        `--plant: ${JSON.stringify(item)} is not KIND=N with KIND one of the finding kinds (see --help)`,
      );
    }
    if (/^\d+$/.test(value)) plant[kind as FindingKind] = Number(value);
    else if (/^(0|1)?\.\d+$/.test(value) && Number(value) <= 1) plant[kind as FindingKind] = { rate: Number(value) };
    else throw new UsageError(`--plant ${kind}: ${JSON.stringify(value)} is neither a count nor a rate like 0.001`);
  }
  return plant;
}

export function optionsFrom(values: ReturnType<typeof parseArgs>["values"]): SandboxOptions {
  const seedText = values.seed ?? "1";
  let now: number | undefined;
  if (values.now !== undefined) {
    now = parseInstantIn(values.now.trim(), "UTC");
    if (Number.isNaN(now)) {
      throw new UsageError(
        `--now must be an ISO 8601 time like 2026-04-16T12:00:00Z, got ${JSON.stringify(values.now)}`,
      );
    }
    now = Math.floor(now / 1000) * 1000;
  }
  const options: SandboxOptions = {
    seed: /^\d{1,15}$/.test(seedText) ? Number(seedText) : seedText,
    orders: intFlag("orders", values.orders, 1000, 1, 10_000_000),
    days: intFlag("days", values.days, 7, 1, 3650),
    port: intFlag("port", values.port, 0, 0, 65_535),
    tonPort: intFlag("ton-port", values["ton-port"], 0, 0, 65_535),
    clock: "running",
  };
  if (now !== undefined) options.now = now;
  if (values.plant !== undefined) options.plant = parsePlant(values.plant);
  if (values.shape !== undefined) {
    if (!isApiShapeName(values.shape)) {
      throw new UsageError(
        `--shape must be one of ${Object.keys(API_SHAPES).join(", ")}, got ${JSON.stringify(values.shape)}`,
      );
    }
    options.shape = values.shape;
  }
  if (values.openapi) options.openapi = true;
  return options;
}

function parseArgs(argv: readonly string[]) {
  return parseCommandLine(argv, sandboxFlags, { command: "sandbox" });
}

/** The JSON document `--json` prints: amounts as decimal strings. */
export function describeJson(sb: Sandbox): string {
  return JSON.stringify(
    {
      api_url: sb.apiUrl,
      ton_endpoint: sb.tonEndpoint,
      api_key: sb.apiKey,
      env: sb.env,
      world: { seed: sb.world.options.seed, orders: sb.world.orders.length, days: sb.world.options.days },
      truth: sb.truth,
    },
    (_key, value) => (typeof value === "bigint" ? value.toString() : value),
  );
}

export function describeHuman(sb: Sandbox): string {
  const planted = sb.truth.findings.length;
  const { options } = sb.world;
  return [
    `omrecon sandbox: seed ${options.seed}, ${options.orders.toLocaleString("en-US")} orders over ${options.days} days ` +
      `(${sb.truth.window.from} .. ${sb.truth.window.to}), ${planted} planted finding${planted === 1 ? "" : "s"}`,
    `  partner API  ${sb.apiUrl}`,
    `  TON API      ${sb.tonEndpoint}`,
    `  key          ${sb.apiKey}`,
    "Paste the export lines (stdout) into your shell, or into .env without `export`; Ctrl-C stops.",
    "",
  ].join("\n");
}

/**
 * `omrecon sandbox`: starts, prints, waits until stopped (the first SIGINT/SIGTERM, or `untilStopped`
 * in tests), closes; returns the exit status.
 */
export async function sandboxMain(
  argv: readonly string[],
  io: Io,
  untilStopped: () => Promise<void> = () => untilSignal(io.signals),
): Promise<number> {
  const { values } = parseArgs(argv);
  if (values.help) {
    io.stdout.write(HELP);
    return 0;
  }
  const options = optionsFrom(values);
  let sb: Sandbox;
  try {
    sb = await startSandbox(options);
  } catch (error) {
    if (error instanceof RangeError) throw new UsageError(error.message);
    if ((error as { code?: string }).code === "EADDRINUSE") {
      throw new UsageError(`a port is already in use (${(error as Error).message}); pass another --port / --ton-port`);
    }
    throw error;
  }
  try {
    if (values.json) io.stdout.write(`${describeJson(sb)}\n`);
    else {
      io.stderr.write(describeHuman(sb));
      io.stdout.write(`${sb.env.map((line) => `export ${line}`).join("\n")}\n`);
    }
    await untilStopped();
  } finally {
    await sb.stop();
  }
  if (!values.json) io.stderr.write("omrecon sandbox: stopped\n");
  return 0;
}
