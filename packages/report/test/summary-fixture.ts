/** Hand-made `ReportSummary` objects for the summary page's tests: ordinary, empty and the worst a page must hold. */
import { FINDING_KINDS, severityOf } from "@omrecon/core";
import type { DayBridge, ReportSummary, RunHistoryEntry, SummaryFinding } from "../src/index.js";

/** Text an attacker could put in a memo, a comment, a username or an API message. */
export const HOSTILE = [
  "<img src=x onerror=alert(1)>",
  "</script><script>alert(2)</script>",
  `"'><svg onload=alert(3)>`,
  "javascript:alert(4)",
  "<!-- x --><style>*{display:none}</style>",
  "\u202eexe.txt\u0000\u001b[31m",
] as const;

const TON = 1_000_000_000n;

function day(date: string, i: number, partial = false): DayBridge {
  const billed = 2_000n * TON + BigInt(i) * 137n * TON + 123_456_789n;
  const fromBalance = 150n * TON + BigInt(i) * TON;
  const shortfall = BigInt(i % 3) * TON;
  const excess = BigInt(i % 2) * 500_000_000n;
  const received = billed - fromBalance - shortfall + excess;
  return {
    date,
    partial,
    orders: {
      billed_nano: billed,
      received_nano: received,
      from_balance_nano: fromBalance,
      shortfall_nano: shortfall,
      excess_nano: excess,
      received_unbilled_nano: 7n * TON,
    },
    chain: {
      arrived_nano: received + 7n * TON + 2n * TON + 3n * TON,
      covering_nano: received,
      unbilled_nano: 7n * TON,
      duplicates_nano: 2n * TON,
      orphans_nano: 3n * TON,
    },
  };
}

function sum(days: readonly DayBridge[]): ReportSummary["bridge"]["total"] {
  const total = structuredClone(days[0] ?? day("2026-01-01", 0));
  for (const k of Object.keys(total.orders) as (keyof DayBridge["orders"])[]) total.orders[k] = 0n;
  for (const k of Object.keys(total.chain) as (keyof DayBridge["chain"])[]) total.chain[k] = 0n;
  for (const d of days) {
    for (const k of Object.keys(d.orders) as (keyof DayBridge["orders"])[]) total.orders[k] += d.orders[k];
    for (const k of Object.keys(d.chain) as (keyof DayBridge["chain"])[]) total.chain[k] += d.chain[k];
  }
  return { orders: total.orders, chain: total.chain };
}

function finding(i: number, memo: string): SummaryFinding {
  const kind = FINDING_KINDS[i % FINDING_KINDS.length] ?? "orphan_transfer";
  return {
    key: `${kind}:${String(10_000 + i)}${i % 7 === 0 ? `:${"f".repeat(64)}` : ""}`,
    kind,
    severity: severityOf(kind),
    order_id: i % 4 === 0 ? null : String(10_000 + i),
    payment_memo: i % 4 === 0 ? null : memo,
    tx_hash: "a".repeat(64),
    amount_nano: BigInt(i) * 1_234_567n,
    first_seen_at: new Date(Date.UTC(2026, 2, 1 + (i % 28), 2)).toISOString(),
    message: `order ${10_000 + i} (${memo}) is short`,
  };
}

function history(runs: number, failedEvery: number): RunHistoryEntry[] {
  return Array.from({ length: runs }, (_, i) => {
    const done = failedEvery === 0 || (i + 1) % failedEvery !== 0 || i === runs - 1;
    const at = new Date(Date.UTC(2026, 2, 2 + i, 1, 30)).toISOString();
    return {
      id: 100 + i,
      status: done ? "done" : "failed",
      started_at: at,
      finished_at: at,
      as_of: at,
      open_findings: done ? 40 + ((i * 7) % 13) : 0,
      at_stake_nano: done ? BigInt(300 + ((i * 53) % 200)) * TON : 0n,
      fail_on: "warning",
      mirror_incomplete: null,
      error: done ? null : `TON endpoint unreachable after 5 attempts (${HOSTILE[0]})`,
    };
  });
}

/** A week of ordinary numbers: one finding of each kind open, an intact ledger, a balance that agrees. */
export function weekSummary(overrides: Partial<ReportSummary> = {}): ReportSummary {
  const dates = ["2026-03-23", "2026-03-24", "2026-03-25", "2026-03-26", "2026-03-27", "2026-03-28", "2026-03-29"];
  const days = dates.map((d, i) => day(d, i));
  const open = FINDING_KINDS.map((_, i) => finding(i, `STARS-${i}a${i}b`));
  return {
    period: {
      from: "2026-03-22T23:00:00.000Z",
      to: "2026-03-29T22:00:00.000Z",
      name: "last-week",
      time_zone: "Europe/Berlin",
      days: dates,
    },
    run: {
      id: 129,
      window_from: "2026-03-15T23:00:00.000Z",
      window_to: "2026-03-30T01:30:00.000Z",
      as_of: "2026-03-30T01:30:00.000Z",
    },
    bridge: { checked: true, days, total: sum(days) },
    findings: {
      in_period: open.length,
      by_severity: {
        critical: { count: 9, amount_nano: 90n * TON },
        warning: { count: 5, amount_nano: 50n * TON },
        info: { count: 1, amount_nano: TON },
      },
      by_kind: Object.fromEntries(
        FINDING_KINDS.map((k) => [k, { count: 1, amount_nano: 10n * TON, severity: severityOf(k) }]),
      ),
      open_now: open,
    },
    partial_days: [],
    partial_note: null,
    ledger: { rows: 120, breaks: 0, unconfirmed: 0, first_break: null },
    balance: {
      reported_nano: 290n * TON,
      reported_at: "2026-03-30T01:29:00.000Z",
      last_row: { id: "4512", created_at: "2026-03-30T00:10:00.000Z", balance_after_nano: 290n * TON },
      difference_nano: 0n,
    },
    history: history(30, 0).map((h, i) => ({ ...h, id: 100 + i })),
    text_amount_cells: 0,
    ...overrides,
  };
}

/**
 * The most a page must hold on two A4 sheets: a 31-day month with amounts past Excel's digits,
 * 500 open findings with long hostile memos and keys, 30 runs with failures, a broken ledger, a
 * balance that disagrees, partial days.
 */
export function worstCaseSummary(): ReportSummary {
  const dates = Array.from({ length: 31 }, (_, i) => `2026-03-${String(i + 1).padStart(2, "0")}`);
  const days = dates.map((d, i) => {
    const b = day(d, i, i === 0 || i === 30);
    b.orders.billed_nano += 123_456_789_012_345_678n;
    b.orders.received_nano += 123_456_789_012_345_678n;
    b.chain.arrived_nano += 123_456_789_012_345_678n;
    b.chain.covering_nano += 123_456_789_012_345_678n;
    return b;
  });
  const long = `${HOSTILE.join(" ")} ${"M".repeat(300)}`;
  const open = Array.from({ length: 500 }, (_, i) => finding(i, `${HOSTILE[i % HOSTILE.length]} ${long}`));
  const base = weekSummary();
  return {
    ...base,
    period: {
      from: "2026-02-28T23:00:00.000Z",
      to: "2026-03-31T22:00:00.000Z",
      name: "last-month",
      time_zone: "Europe/Berlin",
      days: dates,
    },
    bridge: { checked: true, days, total: sum(days) },
    findings: {
      ...base.findings,
      in_period: 500,
      by_kind: Object.fromEntries(
        FINDING_KINDS.map((k) => [k, { count: 33, amount_nano: 123_456_789_012_345n, severity: severityOf(k) }]),
      ),
      open_now: open,
    },
    partial_days: ["2026-03-01", "2026-03-31"],
    partial_note: `Partial days (2026-03-01, 2026-03-31): the period starts or ends inside them; their totals cover only part of the day.`,
    ledger: {
      rows: 9_999,
      breaks: 3,
      unconfirmed: 2,
      first_break: {
        id: 77n,
        created_at: "2026-03-04T10:00:00.000Z",
        expected_nano: 5n * TON,
        stated_nano: 6n * TON,
      },
    },
    balance: {
      reported_nano: 291n * TON,
      reported_at: "2026-04-01T01:29:00.000Z",
      last_row: { id: "9999", created_at: "2026-03-31T21:10:00.000Z", balance_after_nano: 290n * TON },
      difference_nano: TON,
    },
    history: history(30, 6),
  };
}
