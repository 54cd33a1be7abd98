/** The program's alerts (@omrecon/ops) for a test run: the json format to a local receiver, retried fast. */
import { parseWebhookSecret, runAlerts, type SendPolicy, type WebhookSecret } from "@omrecon/ops";
import type { Store } from "@omrecon/store";
import type { RunAlerts } from "../src/index.js";

export function alertsTo(
  store: Store,
  url: string,
  options: { secret?: string; policy?: Partial<SendPolicy> } = {},
): RunAlerts {
  return runAlerts({
    store,
    destination: {
      url,
      format: "json",
      host: "test",
      userAgent: "omrecon-test",
      ...(options.secret !== undefined && { secret: parseWebhookSecret(options.secret) as WebhookSecret }),
    },
    policy: { baseDelayMs: 5, timeoutMs: 2_000, deadlineMs: 5_000, maxRetries: 3, ...options.policy },
  });
}
