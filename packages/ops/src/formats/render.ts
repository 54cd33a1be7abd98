import type { AlertEvent } from "../events.js";
import type { AlertDestination, RenderedRequest } from "./destination.js";
import { renderJson } from "./json.js";
import { renderPagerDuty } from "./pagerduty.js";
import { renderSlack } from "./slack.js";
import { renderTeams } from "./teams.js";

/** The requests one event becomes in the destination's format (none: nothing this format sends). */
export function render(event: AlertEvent, id: string, to: AlertDestination): RenderedRequest[] {
  switch (to.format) {
    case "json":
      return renderJson(event, id, to);
    case "slack":
      return renderSlack(event, id, to);
    case "teams":
      return renderTeams(event, id, to);
    case "pagerduty":
      return renderPagerDuty(event, id, to);
  }
}
