import { didYouMean, type Io, logOptionsOf, quoteWord, UsageError } from "@omrecon/cli";
import { topLevelHelp } from "./help.js";
import { COMMANDS, findCommand } from "./registry.js";
import { versionJson, versionLine } from "./version.js";

const HELP_FLAGS = new Set(["-h", "--help", "help"]);
const VERSION_FLAGS = new Set(["-V", "--version"]);

/**
 * What an error line starts with: `omrecon sync` when the first word names a command (so a
 * command's errors read as they always did), `omrecon` for anything else.
 */
export function commandLabel(argv: readonly string[]): string {
  const first = argv[0];
  return first !== undefined && findCommand(first) ? `omrecon ${first}` : "omrecon";
}

/** `omrecon [--help | --version | <command> …]`: returns the exit status; errors go to runMain. */
export async function omreconMain(argv: readonly string[], io: Io): Promise<number> {
  const [first, ...rest] = argv;
  if (first === undefined) {
    // Never silent: a bare `omrecon` shows what it can do, and fails like any other usage error.
    io.stderr.write(topLevelHelp(COMMANDS));
    return 2;
  }
  if (HELP_FLAGS.has(first)) {
    // `omrecon help sync` is `omrecon sync --help`.
    if (first === "help" && rest[0] !== undefined) return omreconMain([rest[0], "--help"], io);
    io.stdout.write(topLevelHelp(COMMANDS));
    return 0;
  }
  if (VERSION_FLAGS.has(first)) {
    io.stdout.write(rest.includes("--json") ? versionJson() : versionLine());
    return 0;
  }
  if (first.startsWith("-")) {
    throw new UsageError(
      `unknown option ${quoteWord(first)} before the command; flags go after it, e.g. omrecon sync --db PATH (see omrecon --help)`,
    );
  }
  const command = findCommand(first);
  if (command === undefined) {
    const meant = didYouMean(
      first,
      COMMANDS.map((c) => c.name),
    );
    throw new UsageError(
      meant === undefined
        ? `unknown command ${quoteWord(first)}; the commands are ${COMMANDS.map((c) => c.name).join(", ")} (see omrecon --help)`
        : `unknown command ${quoteWord(first)}; did you mean ${meant}? (see omrecon --help)`,
    );
  }
  // An unknown OMRECON_LOG_LEVEL or OMRECON_LOG_FORMAT is exit 2 before any work, naming the variable.
  logOptionsOf(io.env, io.stderr);
  const main = await command.main();
  return main(rest, io);
}
