import { createLogger, type Io, type Settings, secretsOf } from "@omrecon/cli";
import type { Logger } from "@omrecon/core";

/**
 * A command's logger on stderr: level and format from the environment, every secret of its
 * settings masked, each line naming the command (docs/cli.md#logs).
 */
export function commandLogger(io: Io, settings: Settings, command: string): Logger {
  return createLogger({
    stream: io.stderr,
    env: io.env,
    secrets: secretsOf(settings),
    base: { command },
  });
}
