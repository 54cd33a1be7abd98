#!/usr/bin/env node
// The one entry of every omrecon command, and the only place a command's process exits (runMain).
import { processIo, runMain } from "@omrecon/cli";
import { commandLabel, omreconMain } from "./main.js";

const argv = process.argv.slice(2);
const io = processIo();
await runMain(() => omreconMain(argv, io), { command: commandLabel(argv), env: io.env, stderr: io.stderr });
