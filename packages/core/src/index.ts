export { rawAddressOrNull } from "./address.js";
export { isOmreconError, OmreconError } from "./errors.js";
export { type FindingFactsSource, type FindingJsonFields, findingJsonFields } from "./finding-json-fields.js";
export {
  atOrAbove,
  type FailOn,
  FINDING_KINDS,
  FINDING_SEVERITY,
  type Finding,
  type FindingKind,
  findingKey,
  ORDER_FINDING_KINDS,
  SEVERITIES,
  SEVERITY_RANK,
  type Severity,
  severityOf,
  TRANSFER_FINDING_KINDS,
} from "./findings.js";
export { isTxHashHex, txHashHexToBase64, txHashToHex, txHashToHexOrNull } from "./hash.js";
export { type Logger, type LogLevel, silentLogger } from "./logger.js";
export { type MemoMatch, matchMemo, memoKey } from "./memo.js";
export { formatTon, NANO_PER_TON, type Nano, nano, nanoToTonNumber, parseTon, sumNano } from "./nanoton.js";
export { redact } from "./redact.js";
export {
  abortableSleep,
  backoffDelay,
  DEFAULT_RETRY_POLICY,
  parseRetryAfter,
  type RetryOptions,
  type RetryPolicy,
  withRetry,
} from "./retry.js";
export { signalExitCode } from "./signal-exit.js";
export {
  formatIsoUtc,
  instantProblem,
  parseInstant,
  parseInstantIn,
  toStoredTime,
  toStoredTimeOrNull,
  utcDate,
  utcIsoMs,
  wallTimeToUtc,
  zoneOffsetMs,
} from "./time.js";
