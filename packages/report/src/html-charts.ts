/**
 * What the page's two charts draw, as plain JSON for its `<script type="application/json">` block:
 * the period's days (billed, received on chain, paid from balance) and the last runs (open findings,
 * TON at stake). Amounts go in twice: as numbers of TON for the drawing, and as exact decimals for
 * what the legend prints, so no number a person reads went through a float.
 */
import { localTime } from "./html-format.js";
import { tonText } from "./report-output.js";
import type { ReportSummary } from "./summary.js";
import type { Zone } from "./zone.js";

export interface ChartSeries {
  /** TON as numbers (drawing only); null where there is nothing to draw. */
  values: (number | null)[];
  /** The same amounts as exact decimals (what the legend shows at the cursor). */
  exact: (string | null)[];
  /** What the legend shows while the cursor is elsewhere: the period's total, or the latest run's. */
  idle: string;
}

export interface ChartData {
  daily: {
    /** `YYYY-MM-DD`, one per day of the period. */
    days: string[];
    partial: boolean[];
    billed: ChartSeries;
    received: ChartSeries;
    balance: ChartSeries;
  };
  history: {
    runs: number[];
    /** Local `YYYY-MM-DD HH:MM` of each run's as-of time. */
    at: string[];
    /** The axis label of each run: its local date (`MM-DD`), with the time when a date has several runs. */
    labels: string[];
    status: string[];
    /** Null for a run that did not finish (it counted nothing). */
    open: (number | null)[];
    /** The legend's open findings while the cursor is elsewhere (the latest finished run's). */
    openIdle: string;
    stake: ChartSeries;
  };
}

const tonNumber = (nano: bigint) => Number(nano) / 1e9;

function series(amounts: readonly (bigint | null)[], idle: string): ChartSeries {
  return {
    values: amounts.map((a) => (a === null ? null : tonNumber(a))),
    exact: amounts.map((a) => (a === null ? null : tonText(a))),
    idle,
  };
}

export function chartData(s: ReportSummary, zone: Zone): ChartData {
  const days = s.bridge.days;
  const total = s.bridge.total.orders;
  const done = (status: string) => status === "done";
  const latest = s.history.findLast((h) => done(h.status));
  const at = s.history.map((h) => localTime(h.as_of, zone));
  const perDate = new Map<string, number>();
  for (const a of at) perDate.set(a.slice(0, 10), (perDate.get(a.slice(0, 10)) ?? 0) + 1);
  return {
    daily: {
      days: days.map((d) => d.date),
      partial: days.map((d) => d.partial),
      billed: series(
        days.map((d) => d.orders.billed_nano),
        `${tonText(total.billed_nano)} in total`,
      ),
      received: series(
        days.map((d) => d.orders.received_nano),
        `${tonText(total.received_nano)} in total`,
      ),
      balance: series(
        days.map((d) => d.orders.from_balance_nano),
        `${tonText(total.from_balance_nano)} in total`,
      ),
    },
    history: {
      runs: s.history.map((h) => h.id),
      at,
      labels: at.map((a) => ((perDate.get(a.slice(0, 10)) ?? 0) > 1 ? a.slice(5) : a.slice(5, 10))),
      status: s.history.map((h) => h.status),
      open: s.history.map((h) => (done(h.status) ? h.open_findings : null)),
      openIdle: latest === undefined ? "—" : `${latest.open_findings} in run ${latest.id}`,
      stake: series(
        s.history.map((h) => (done(h.status) ? h.at_stake_nano : null)),
        latest === undefined ? "—" : `${tonText(latest.at_stake_nano)} in run ${latest.id}`,
      ),
    },
  };
}
