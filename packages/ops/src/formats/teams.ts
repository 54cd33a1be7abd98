/**
 * The `teams` format: an Adaptive Card in the message envelope a Teams Workflows webhook ("Post to
 * a channel when a webhook request is received") takes — `{"type":"message","attachments":[{
 * "contentType":"application/vnd.microsoft.card.adaptive","contentUrl":null,"content":<card>}]}`
 * (Microsoft's "Send Adaptive Cards using an incoming webhook"). Outside text goes only into
 * `TextRun`s of `RichTextBlock`s, which Adaptive Cards never read as Markdown, so a comment cannot
 * become a link; our own words and numbers use TextBlock and FactSet. Version 1.2 (RichTextBlock's
 * first), bounded under 20 KB (Teams refuses messages over 28 KB).
 */
import { type AlertEvent, type AlertFinding, cut } from "../events.js";
import type { AlertDestination, RenderedRequest } from "./destination.js";
import { failedWhere, fittedBody, headline, windowText } from "./summary.js";

const MAX_BYTES = 20_000;
const MESSAGE_CHARS = 300;

export function renderTeams(event: AlertEvent, _id: string, to: AlertDestination): RenderedRequest[] {
  const body = cardBody(event);
  if (body === null) return [];
  return [{ headers: { "content-type": "application/json", "user-agent": to.userAgent }, body }];
}

function cardBody(event: AlertEvent): string | null {
  switch (event.type) {
    case "findings.new":
      return fittedBody(event.data.findings, MAX_BYTES, (shown, rest) => envelope(findingsCard(event, shown, rest)));
    case "run.failed": {
      const d = event.data;
      return envelope([
        title(`omrecon ${failedWhere(d)} failed`, "Attention"),
        facts([
          ["Host", d.host],
          ["Exit status", String(d.exit_code)],
          ["Code", d.code],
        ]),
        outside(cut(d.reason, 1_000)),
      ]);
    }
    case "run.recovered": {
      const d = event.data;
      return envelope([
        title(`omrecon ${d.command} works again`, "Good"),
        facts([
          ["Host", d.host],
          ["Failed at", d.failed_at],
        ]),
        outside(cut(d.failure, 300)),
      ]);
    }
    case "findings.resolved":
      return null;
  }
}

function findingsCard(event: Extract<AlertEvent, { type: "findings.new" }>, shown: AlertFinding[], rest: number) {
  const d = event.data;
  const body: unknown[] = [
    title(headline(d), "Attention"),
    facts([
      ["Run", String(d.run_id)],
      ["Window", windowText(d.window)],
      ["Open in all", String(d.totals.findings)],
    ]),
    ...shown.map((f) => ({
      type: "Container",
      separator: true,
      items: [
        {
          type: "RichTextBlock",
          inlines: [
            { type: "TextRun", text: f.severity.toUpperCase(), weight: "Bolder", color: colour(f.severity) },
            { type: "TextRun", text: `  ${f.key}  ${f.amount_ton ?? "?"} TON` },
          ],
        },
        outside(cut(f.message, MESSAGE_CHARS)),
      ],
    })),
  ];
  if (rest > 0) {
    body.push({
      type: "TextBlock",
      text: `and ${rest} more: omrecon findings --status open`,
      wrap: true,
      isSubtle: true,
    });
  }
  return body;
}

function envelope(body: unknown[]): string {
  return JSON.stringify({
    type: "message",
    attachments: [
      {
        contentType: "application/vnd.microsoft.card.adaptive",
        contentUrl: null,
        content: {
          $schema: "http://adaptivecards.io/schemas/adaptive-card.json",
          type: "AdaptiveCard",
          version: "1.2",
          body,
        },
      },
    ],
  });
}

function title(text: string, color: string) {
  return { type: "TextBlock", text, weight: "Bolder", size: "Medium", wrap: true, color };
}

/** Our own words and numbers only: FactSet values are read as Markdown. */
function facts(rows: [string, string][]) {
  return { type: "FactSet", facts: rows.map(([t, value]) => ({ title: t, value })) };
}

/** Outside text: a TextRun is never Markdown, so it shows exactly as written. */
function outside(text: string) {
  return { type: "RichTextBlock", inlines: [{ type: "TextRun", text }] };
}

function colour(severity: string): string {
  return severity === "critical" ? "Attention" : severity === "warning" ? "Warning" : "Default";
}
