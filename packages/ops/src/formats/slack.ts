/**
 * The `slack` format: an incoming-webhook message (`text` for the notification, `blocks` for the
 * channel). Every piece of outside text — finding messages with their memos, comments and
 * usernames, API messages in a failure — is escaped per Slack's rules (`&` `<` `>` as entities)
 * and sits in text objects marked `verbatim`, so no mention (`<!channel>`), link
 * (`<https://…|label>`) or channel reference can be smuggled in; the formatting characters
 * (`*`, `_`, `~`) can at most change how the quoted text looks. Bounded: the top findings by
 * severity and amount, a count of the rest, under 12,000 bytes.
 */
import { type AlertEvent, type AlertFinding, cut } from "../events.js";
import type { AlertDestination, RenderedRequest } from "./destination.js";
import { failedWhere, fittedBody, headline, windowText } from "./summary.js";

/** Slack's three control characters, as its docs ask (https://api.slack.com/reference/surfaces/formatting#escaping). */
export function slackEscape(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
}

const MAX_BYTES = 12_000;
const MESSAGE_CHARS = 300;

export function renderSlack(event: AlertEvent, _id: string, to: AlertDestination): RenderedRequest[] {
  const body = message(event);
  if (body === null) return [];
  return [{ headers: { "content-type": "application/json", "user-agent": to.userAgent }, body }];
}

function message(event: AlertEvent): string | null {
  switch (event.type) {
    case "findings.new":
      return fittedBody(event.data.findings, MAX_BYTES, (shown, rest) =>
        JSON.stringify(findingsMessage(event, shown, rest)),
      );
    case "run.failed": {
      const d = event.data;
      const text = `omrecon ${failedWhere(d)} failed on ${slackEscape(d.host)}: ${slackEscape(cut(d.reason, 1_000))}`;
      return JSON.stringify({ text, blocks: [section(`:rotating_light: ${text}`)] });
    }
    case "run.recovered": {
      const d = event.data;
      const text = `omrecon ${d.command} works again on ${slackEscape(d.host)} (it failed at ${d.failed_at}: ${slackEscape(cut(d.failure, 300))})`;
      return JSON.stringify({ text, blocks: [section(`:white_check_mark: ${text}`)] });
    }
    case "findings.resolved":
      // Resolutions are someone's own action or a run's quiet good news: not worth a channel message.
      return null;
  }
}

function findingsMessage(event: Extract<AlertEvent, { type: "findings.new" }>, shown: AlertFinding[], rest: number) {
  const d = event.data;
  const title = headline(d);
  const blocks: unknown[] = [
    { type: "header", text: { type: "plain_text", text: cut(title, 150) } },
    section(`Run ${d.run_id} · ${windowText(d.window)} · ${d.totals.findings} open in all`),
    ...shown.map((f) =>
      section(
        `*${f.severity}* \`${slackEscape(f.key)}\` ${f.amount_ton ?? "?"} TON\n${slackEscape(cut(f.message, MESSAGE_CHARS))}`,
      ),
    ),
  ];
  if (rest > 0) {
    blocks.push({
      type: "context",
      elements: [{ type: "mrkdwn", text: `and ${rest} more: \`omrecon findings --status open\``, verbatim: true }],
    });
  }
  return { text: title, blocks };
}

function section(mrkdwn: string) {
  return { type: "section", text: { type: "mrkdwn", text: mrkdwn, verbatim: true } };
}
