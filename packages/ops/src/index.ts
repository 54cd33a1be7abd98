export {
  type AlertEvent,
  type AlertEventType,
  type AlertFinding,
  alertFinding,
  FINDINGS_PER_EVENT,
  type FindingFacts,
  type FindingsNewData,
  type FindingsResolvedData,
  findingsNewEvent,
  findingsResolvedEvent,
  type RunFailedData,
  type RunRecoveredData,
  runFailedEvent,
  runRecoveredEvent,
} from "./events.js";
export {
  ALERT_FORMATS,
  type AlertDestination,
  type AlertFormat,
  PAGERDUTY_EVENTS_URL,
  type RenderedRequest,
} from "./formats/destination.js";
export { findingDedupKey, runDedupKey } from "./formats/pagerduty.js";
export { render } from "./formats/render.js";
export { slackEscape } from "./formats/slack.js";
export { createHeartbeat, type Heartbeat, type HeartbeatOptions, silentHeartbeat } from "./heartbeat.js";
export { metricsText } from "./metrics/exposition.js";
export { metricsPathProblem, pushMetrics, writeMetricsFile } from "./metrics/publish.js";
export { type ApiName, partnerRoute, type RequestCount, RequestTally } from "./metrics/requests.js";
export {
  type MetricsSnapshot,
  type OpenFindingCount,
  readMetricsSnapshot,
  type StepCounts,
  type StepSnapshot,
} from "./metrics/snapshot.js";
export {
  DEFAULT_MAX_ALERT_AGE_MS,
  type DeliverOptions,
  type DeliveryReport,
  deliverNow,
  deliverPending,
  newAlertId,
  recordAlerts,
} from "./outbox.js";
export {
  type AppliedRunFacts,
  type RunAlertFinding,
  type RunAlerts,
  type RunAlertsOptions,
  runAlerts,
} from "./run-alerts.js";
export {
  DEFAULT_SEND_POLICY,
  type OutgoingRequest,
  type SendOptions,
  type SendPolicy,
  type SendResult,
  send,
} from "./sender.js";
export { shownUrl } from "./shown-url.js";
export { legacySignature, parseWebhookSecret, standardSignature, type WebhookSecret } from "./signature.js";
