import type { Io } from "@omrecon/cli";

/** A command's program: flags in, exit status out; errors go to the entry file's runMain. */
export type CommandMain = (argv: readonly string[], io: Io) => Promise<number>;

/** One `omrecon <name>` command as the registry lists it. */
export interface Command {
  name: string;
  /** One line for the top-level help. */
  summary: string;
  /**
   * Loads the program when the command runs, so that `omrecon --help` or `omrecon sandbox` does not
   * load SQLite, TonClient or the bench.
   */
  main: () => Promise<CommandMain>;
}
