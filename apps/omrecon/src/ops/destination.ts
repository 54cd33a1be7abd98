/**
 * Where alerts go, from settings (docs/alerts.md#formats): null when no webhook is set. Checked
 * when a command starts, so a secret in the wrong form is one line before the night's work, not a
 * surprise after it.
 */
import { hostname } from "node:os";
import { ConfigError, type Settings } from "@omrecon/cli";
import { type AlertDestination, PAGERDUTY_EVENTS_URL, parseWebhookSecret } from "@omrecon/ops";
import { omreconVersion } from "../version.js";

export function alertDestination(
  settings: Pick<Settings, "webhookUrl" | "webhookSecret" | "webhookFormat">,
): AlertDestination | null {
  const format = settings.webhookFormat;
  const common = { host: hostname(), userAgent: `omrecon/${omreconVersion()}` };
  if (format === "pagerduty") {
    if (settings.webhookSecret === undefined) {
      if (settings.webhookUrl === undefined) return null;
      throw new ConfigError(
        "OMRECON_WEBHOOK_FORMAT=pagerduty needs the integration's routing key in OMRECON_WEBHOOK_SECRET (PagerDuty: service → Integrations → Events API v2)",
      );
    }
    return { ...common, format, url: settings.webhookUrl ?? PAGERDUTY_EVENTS_URL, routingKey: settings.webhookSecret };
  }
  if (settings.webhookUrl === undefined) return null;
  if (format !== "json" || settings.webhookSecret === undefined) return { ...common, format, url: settings.webhookUrl };
  const secret = parseWebhookSecret(settings.webhookSecret);
  if ("problem" in secret) {
    throw new ConfigError(
      `OMRECON_WEBHOOK_SECRET ${secret.problem}; make one with: echo "whsec_$(openssl rand -base64 32)"`,
    );
  }
  return { ...common, format, url: settings.webhookUrl, secret };
}
