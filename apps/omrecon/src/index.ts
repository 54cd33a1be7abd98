export { alertsMain, HELP as ALERTS_HELP } from "./alerts/main.js";
export type { Command, CommandMain } from "./command.js";
export { findingsMain, HELP as FINDINGS_HELP } from "./findings/main.js";
export { topLevelHelp } from "./help.js";
export { commandLabel, omreconMain } from "./main.js";
export { DEMO_HELP, demoMain, type TruthCheck } from "./nightly/demo.js";
export { HELP as NIGHTLY_HELP, nightlyMain } from "./nightly/main.js";
export { type NightlyFlagValues, nightlyFlags, nightlyOptionsFrom } from "./nightly/options.js";
export { nightlyJson, nightlyText } from "./nightly/output.js";
export {
  type NightlyContext,
  type NightlyOptions,
  type NightlyOutcome,
  NightlyStoppedError,
  runNightly,
} from "./nightly/pipeline.js";
export { type OperatedCommand, Operations, startOperations } from "./ops/operations.js";
export { HELP as RECONCILE_HELP, RESOLVE_HELP } from "./reconcile/help.js";
export { reconcileMain, reconcileOptions } from "./reconcile/main.js";
export { resolveMain } from "./reconcile/resolve-command.js";
export { COMMANDS, findCommand } from "./registry.js";
export { HELP as REPORT_HELP, reportMain, reportOptions } from "./report/main.js";
export { HELP as RUNS_HELP, runsMain } from "./runs/main.js";
export {
  describeHuman,
  describeJson,
  HELP as SANDBOX_HELP,
  optionsFrom,
  parsePlant,
  sandboxFlags,
  sandboxMain,
} from "./sandbox/main.js";
export { HELP as SYNC_HELP, syncMain, syncOptions } from "./sync/main.js";
export { omreconVersion, versionLine } from "./version.js";
