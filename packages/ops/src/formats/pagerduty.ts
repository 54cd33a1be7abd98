/**
 * The `pagerduty` format: Events API v2 (`routing_key`, `event_action`, `dedup_key`, `payload`).
 * A new critical finding triggers an alert whose `dedup_key` is `omrecon:<finding key>` (stable
 * across runs, so a retry or a re-send joins the same alert), and resolving it (by `omrecon
 * resolve`, or a run that no longer finds it) resolves that alert; a failed run triggers
 * `omrecon:run.failed:<command>`, which the command's next success resolves. Findings below
 * critical do not page.
 */
import { type AlertEvent, type AlertFinding, cut } from "../events.js";
import type { AlertDestination, RenderedRequest } from "./destination.js";

type Severity = "critical" | "error" | "warning" | "info";

export function findingDedupKey(key: string): string {
  return `omrecon:${key}`;
}

export function runDedupKey(command: string): string {
  return `omrecon:run.failed:${command}`;
}

export function renderPagerDuty(event: AlertEvent, _id: string, to: AlertDestination): RenderedRequest[] {
  const routing = to.routingKey ?? "";
  const request = (body: Record<string, unknown>): RenderedRequest => ({
    headers: { "content-type": "application/json", "user-agent": to.userAgent },
    body: JSON.stringify({ routing_key: routing, ...body }),
  });
  const source = `omrecon@${to.host}`;
  switch (event.type) {
    case "findings.new":
      return critical(event.data.findings).map((f) =>
        request({
          event_action: "trigger",
          dedup_key: findingDedupKey(f.key),
          client: "omrecon",
          payload: {
            summary: cut(`omrecon ${f.kind} ${f.key}: ${f.amount_ton ?? "?"} TON at stake; ${f.message}`, 1_024),
            source,
            severity: "critical" satisfies Severity,
            timestamp: event.timestamp,
            component: "reconcile",
            group: "findings",
            class: f.kind,
            custom_details: { ...f, run_id: event.data.run_id },
          },
        }),
      );
    case "findings.resolved":
      return critical(event.data.findings).map((f) =>
        request({ event_action: "resolve", dedup_key: findingDedupKey(f.key) }),
      );
    case "run.failed": {
      const d = event.data;
      return [
        request({
          event_action: "trigger",
          dedup_key: runDedupKey(d.command),
          client: "omrecon",
          payload: {
            summary: cut(`omrecon ${d.command} failed (${d.step}): ${d.reason}`, 1_024),
            source,
            severity: "error" satisfies Severity,
            timestamp: event.timestamp,
            component: d.step,
            group: "runs",
            class: d.code,
            custom_details: d,
          },
        }),
      ];
    }
    case "run.recovered":
      return [request({ event_action: "resolve", dedup_key: runDedupKey(event.data.command) })];
  }
}

function critical(findings: readonly AlertFinding[]): AlertFinding[] {
  return findings.filter((f) => f.severity === "critical");
}
