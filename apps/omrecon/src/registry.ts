import type { Command } from "./command.js";

/**
 * Every `omrecon` command, in the order the help lists them
 * (docs/cli.md#commands). A new command is a folder of its own whose
 * main has the `CommandMain` shape, plus one entry here.
 */
export const COMMANDS: readonly Command[] = [
  {
    name: "check",
    summary: "read-only check of the settings, the partner API's answers, the TON endpoint and the database",
    main: async () => (await import("./check/main.js")).checkCommand,
  },
  {
    name: "sync",
    summary: "mirror the partner API's orders, balance and ledger into the local database (once, or on --cron)",
    main: async () => (await import("./sync/main.js")).syncMain,
  },
  {
    name: "reconcile",
    summary: "read new TON transfers, match them, store the run and its findings, alert",
    main: async () => (await import("./reconcile/main.js")).reconcileMain,
  },
  {
    name: "resolve",
    summary: 'mark an open finding resolved: resolve KEY --note "…" (also `reconcile resolve`)',
    main: async () => (await import("./reconcile/resolve-command.js")).resolveMain,
  },
  {
    name: "runs",
    summary: "the reconciliation runs on record, newest first: status, window, findings, duration",
    main: async () => (await import("./runs/main.js")).runsMain,
  },
  {
    name: "findings",
    summary: "findings by status, kind, severity and date; findings show KEY for one (any unique key start)",
    main: async () => (await import("./findings/main.js")).findingsMain,
  },
  {
    name: "alerts",
    summary: "the alert outbox: what is pending delivery, delivered or expired (--send: deliver now)",
    main: async () => (await import("./alerts/main.js")).alertsMain,
  },
  {
    name: "report",
    summary: "write the report files (CSV, workbook, summary page) for a period from the local database",
    main: async () => (await import("./report/main.js")).reportMain,
  },
  {
    name: "nightly",
    summary: "sync, then reconcile, then report; exits with the reconcile step's status",
    main: async () => (await import("./nightly/main.js")).nightlyMain,
  },
  {
    name: "sandbox",
    summary: "start the local simulator of the partner API and the TON HTTP API",
    main: async () => (await import("./sandbox/main.js")).sandboxMain,
  },
  {
    name: "demo",
    summary: "the nightly job against a freshly seeded sandbox, no key needed",
    main: async () => (await import("./nightly/demo.js")).demoMain,
  },
  {
    name: "bench",
    summary: "every stage against a raw baseline (see bench/README.md)",
    main: async () => (await import("@omrecon/bench")).benchMain,
  },
];

/** The command called `name`, if there is one. */
export function findCommand(name: string): Command | undefined {
  return COMMANDS.find((command) => command.name === name);
}
