export {
  choiceFlag,
  commonOptions,
  intFlag,
  type ParsedCommandLine,
  parseCommandLine,
  timeZoneFlag,
  tonFlag,
} from "./args.js";
export { ConfigError, ExitError, UsageError } from "./errors.js";
export { type Io, processIo, untilSignal } from "./io.js";
export { type CreateLoggerOptions, createLogger } from "./logger.js";
export { describeError, type RunMainOptions, runMain } from "./main.js";
export { type CreateProgressOptions, createProgress, type Progress, silentProgress } from "./progress.js";
export {
  apiKeyOf,
  DEFAULTS,
  type LoadSettingsOptions,
  loadSettings,
  type Settings,
  type SettingsOverrides,
  secretsOf,
} from "./settings.js";
export { type SignalSource, type StopSignals, stopOnSignals } from "./signals.js";
export { didYouMean, quoteWord } from "./suggest.js";
export { parseWindow, type Window } from "./window.js";
