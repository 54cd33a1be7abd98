import type { Command } from "./command.js";

/** `omrecon --help`: every command with its one line, how to get a command's flags, the exit statuses. */
export function topLevelHelp(commands: readonly Command[]): string {
  const width = Math.max(...commands.map((c) => c.name.length)) + 2;
  const lines = commands.map((c) => `  ${c.name.padEnd(width)}${c.summary}`);
  return `Usage: omrecon <command> [options]
       omrecon <command> --help     the command's flags
       omrecon --version

Reconciles what a partner of The Open Money sold (orders, balance ledger) with the TON payments
that paid it. From the repository root, \`pnpm <command> …\` and \`pnpm omrecon <command> …\` run it too.

Commands:
${lines.join("\n")}

Settings come from the environment: OPENMONEY_API_KEY (or OPENMONEY_API_KEY_FILE), OPENMONEY_BASE_URL,
TON_ENDPOINT, TON_API_KEY, OMRECON_DB, OMRECON_WEBHOOK_URL, OMRECON_WEBHOOK_SECRET,
OMRECON_WEBHOOK_FORMAT, OMRECON_HEARTBEAT_URL, OMRECON_PUSHGATEWAY_URL, OMRECON_METRICS_FILE,
OMRECON_LOG_LEVEL, OMRECON_LOG_FORMAT.
Exit status: 0 done; 1 findings at or above --fail-on (reconcile, nightly); 2 could not do the job.
Reference: docs/cli.md
`;
}
