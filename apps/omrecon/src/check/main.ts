/** `omrecon check`: the read-only check a partner runs first with a real key (docs/cli.md#check). */
import { checkMain } from "@omrecon/check";
import type { CommandMain } from "../command.js";

export const checkCommand: CommandMain = (argv, io) => checkMain(argv, io);
