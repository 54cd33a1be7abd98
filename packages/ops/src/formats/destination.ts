import type { WebhookSecret } from "../signature.js";

/** `OMRECON_WEBHOOK_FORMAT` (docs/alerts.md#formats). */
export const ALERT_FORMATS = ["json", "slack", "teams", "pagerduty"] as const;
export type AlertFormat = (typeof ALERT_FORMATS)[number];

/** PagerDuty's Events API v2 endpoint: the URL of the `pagerduty` format unless one is given. */
export const PAGERDUTY_EVENTS_URL = "https://events.pagerduty.com/v2/enqueue";

/** Where alerts go and how they are written. */
export interface AlertDestination {
  url: string;
  format: AlertFormat;
  /** `json`: signs (Standard Webhooks and X-Omrecon-Signature) when set. */
  secret?: WebhookSecret | undefined;
  /** `pagerduty`: the integration's routing key (OMRECON_WEBHOOK_SECRET). */
  routingKey?: string | undefined;
  /** This machine, for PagerDuty's `source` and run failures. */
  host: string;
  /** e.g. `omrecon/0.1.0`. */
  userAgent: string;
}

/** One HTTP request a format makes of an event. */
export interface RenderedRequest {
  headers: Record<string, string>;
  body: string;
  /** Headers made for each attempt (the Standard Webhooks timestamp and signature). */
  perAttempt?: (at: Date) => Record<string, string>;
}
