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
export {
  LOG_FORMATS,
  LOG_LEVELS,
  type LogFormat,
  type LogOptions,
  logFormatOf,
  logOptionsOf,
} from "./log-options.js";
export { type CreateLoggerOptions, createLogger, logLine } from "./logger.js";
export { describeError, environmentSecrets, errorLine, type RunMainOptions, runMain } from "./main.js";
export { type CreateProgressOptions, createProgress, type Progress, silentProgress } from "./progress.js";
export {
  apiKeyOf,
  DEFAULTS,
  type LoadSettingsOptions,
  loadSettings,
  type Settings,
  type SettingsOverrides,
  secretsOf,
  WEBHOOK_FORMATS,
  type WebhookFormat,
} from "./settings.js";
export { type SignalSource, type StopSignals, stopOnSignals } from "./signals.js";
export { type StatusLine, statusLineOf } from "./status-line.js";
export { didYouMean, quoteWord } from "./suggest.js";
export { flagInstant, parseWindow, type Window } from "./window.js";
