export { DEMO_HELP, demoMain, type TruthCheck } from "./demo.js";
export type { Io } from "./io.js";
export { HELP, nightlyMain } from "./main.js";
export { type NightlyFlagValues, nightlyFlags, nightlyOptionsFrom } from "./options.js";
export { nightlyJson, nightlyText } from "./output.js";
export {
  type NightlyContext,
  type NightlyOptions,
  type NightlyOutcome,
  NightlyStoppedError,
  runNightly,
} from "./pipeline.js";
