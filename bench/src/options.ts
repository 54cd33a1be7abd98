/** `omrecon bench` (`pnpm bench`) flags → options, checked once with errors that name the flag. */
import { intFlag, parseCommandLine, UsageError } from "@omrecon/cli";

export const STAGES = ["sync", "chain", "store", "match", "report", "postgres"] as const;
export type StageId = (typeof STAGES)[number];

export const BENCH_HELP = `Usage: omrecon bench [--orders N] [--seed S] [--stages a,b,…] [--repeat R] [--json] [--check]

Measures every stage of omrecon against a raw baseline, side by side in one run, over a seeded
sandbox world (one year of history, a present fixed at 2026-04-16). Each measured run is a fresh
child process; the sandbox lives in a process of its own. Prints a table and writes
bench/results.json.

Stages (in the order they run):
  sync     full sync over HTTP vs the same requests in a raw undici loop; incremental request count
  chain    chain read through TonClient vs a bare TonClient walk; requests when nothing is new
  store    upsertOrders of N orders vs one prepared INSERT per row, one transaction each
  match    match() vs group-by-memo in a Map; peak RSS; findings against the ground truth;
           plus one whole reconcile run (load, match, store) for information
  report   writeReports vs Papa.unparse of the same rows in memory; peak RSS at N vs N/10
  postgres on a Postgres server of its own (or OMRECON_BENCH_POSTGRES_URL): store write vs plain
           pg multi-row INSERTs; a whole reconcile run and the CSV report, for information

Options:
  --orders N      orders in the world (default 100000)
  --seed S        world seed (default 42)
  --stages LIST   comma-separated subset of the stages above (default: all)
  --repeat R      measured runs per side, alternating ours and baseline; medians reported (default 1)
  --work DIR      keep the mirrors and files here and reuse them for stages not asked for
                  (default: a fresh folder under bench/out, removed afterwards)
  --results FILE  where to write the results (default bench/results.json)
  --cpu-prof      write a V8 CPU profile of every measured child into <work>/profiles
  --json          print the results document on stdout (the table goes to stderr)
  --markdown      also print the table as Markdown (for bench/README.md)
  --check         exit 1 when a target is missed (default: report only, exit 0)
  --progress      progress lines on stderr even when it is not a terminal
  -h, --help      this help
`;

const flags = {
  orders: { type: "string" },
  seed: { type: "string" },
  stages: { type: "string" },
  repeat: { type: "string" },
  work: { type: "string" },
  results: { type: "string" },
  "cpu-prof": { type: "boolean" },
  json: { type: "boolean" },
  markdown: { type: "boolean" },
  check: { type: "boolean" },
  progress: { type: "boolean" },
  help: { type: "boolean", short: "h" },
} as const;

export interface BenchOptions {
  orders: number;
  seed: number;
  stages: StageId[];
  repeat: number;
  /** Null: a fresh folder, removed at the end. */
  workDir: string | null;
  resultsPath: string | null;
  cpuProf: boolean;
  json: boolean;
  markdown: boolean;
  check: boolean;
  progress: boolean;
  help: boolean;
}

function stagesFlag(value: string | undefined): StageId[] {
  if (value === undefined) return [...STAGES];
  const asked = value
    .split(",")
    .map((s) => s.trim())
    .filter((s) => s !== "");
  const unknown = asked.filter((s) => !(STAGES as readonly string[]).includes(s));
  if (unknown.length > 0 || asked.length === 0) {
    throw new UsageError(`--stages takes a comma-separated list of ${STAGES.join(", ")}; got ${JSON.stringify(value)}`);
  }
  // Always in pipeline order, whatever order they were asked in.
  return STAGES.filter((s) => asked.includes(s));
}

export function parseBenchOptions(argv: readonly string[], isTerminal: boolean): BenchOptions {
  const { values } = parseCommandLine(argv, flags, { command: "bench" });
  return {
    orders: intFlag("orders", values.orders, 100_000, 100, 5_000_000),
    seed: intFlag("seed", values.seed, 42, 0, 2 ** 31 - 1),
    stages: stagesFlag(values.stages),
    repeat: intFlag("repeat", values.repeat, 1, 1, 100),
    workDir: values.work ?? null,
    resultsPath: values.results ?? null,
    cpuProf: values["cpu-prof"] ?? false,
    json: values.json ?? false,
    markdown: values.markdown ?? false,
    check: values.check ?? false,
    progress: values.progress ?? isTerminal,
    help: values.help ?? false,
  };
}
