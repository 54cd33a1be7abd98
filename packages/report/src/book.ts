/**
 * The day-by-day accounts of a report, filled while the orders and the chain stream past: the
 * daily summary's counts and the two sides of the bridge (docs/cli.md#report-files). Memory grows
 * with days, not with orders.
 */
import { type IntValue, REPORT_ORDER, type ReportOrderRow } from "@omrecon/store";
import { needsText } from "./digits.js";
import { big, ExactSum } from "./exact-sum.js";
import type { OrderFindings } from "./report-findings.js";

/** The service says it was paid: these orders are billed. */
export const BILLED_STATUSES: ReadonlySet<string> = new Set(["paid", "processing", "completed"]);

/** Status buckets of the daily summary; everything else (paid, processing, failed, refunded, unknown) is `other`. */
const BUCKET: Record<string, "completed" | "pending" | "expired" | "cancelled"> = {
  completed: "completed",
  pending_payment: "pending",
  expired: "expired",
  cancelled: "cancelled",
};

/** One day × order type of the daily summary, with the orders side of the bridge. */
export class TypeTotals {
  orders = 0;
  completed = 0;
  pending = 0;
  expired = 0;
  cancelled = 0;
  other = 0;
  readonly stars = new ExactSum();
  readonly premiumMonths = new ExactSum();
  readonly billed = new ExactSum();
  readonly received = new ExactSum();
  readonly fromBalance = new ExactSum();
  readonly shortfall = new ExactSum();
  readonly excess = new ExactSum();
  readonly receivedUnbilled = new ExactSum();
  critical = 0;
  warning = 0;
}

/** The chain side of one day: what arrived into payment addresses, and what accounts for it. */
export class ChainTotals {
  readonly arrived = new ExactSum();
  readonly covering = new ExactSum();
  readonly unbilled = new ExactSum();
  readonly duplicates = new ExactSum();
  readonly orphans = new ExactSum();
}

/** Why a day's orders side may not close: the first order whose gap no finding explains. */
export interface Unexplained {
  order_id: string;
  gap_nano: bigint;
  reconciled: boolean;
}

export class ReportBook {
  /** Day → order type → totals. */
  readonly days = new Map<string, Map<string, TypeTotals>>();
  readonly chain = new Map<string, ChainTotals>();
  readonly unexplained = new Map<string, Unexplained>();
  /** Amount cells a workbook must write as text (more than 15 significant digits). */
  textAmounts = 0;
  #lastDay: string | undefined;
  #lastTypes: Map<string, TypeTotals> | undefined;
  readonly #byOrder: ReadonlyMap<string, OrderFindings>;
  /** The tolerance of each run (nanotons): a gap within it was accepted by the matcher, not explained by a finding. */
  readonly #tolerance: ReadonlyMap<number, bigint>;

  constructor(byOrder: ReadonlyMap<string, OrderFindings>, tolerance: ReadonlyMap<number, bigint>) {
    this.#byOrder = byOrder;
    this.#tolerance = tolerance;
  }

  totalsOf(day: string, type: string): TypeTotals {
    let types = this.#lastTypes;
    if (day !== this.#lastDay || types === undefined) {
      types = this.days.get(day);
      if (types === undefined) {
        types = new Map();
        this.days.set(day, types);
      }
      this.#lastDay = day;
      this.#lastTypes = types;
    }
    let t = types.get(type);
    if (t === undefined) {
      t = new TypeTotals();
      types.set(type, t);
    }
    return t;
  }

  chainOf(day: string): ChainTotals {
    let c = this.chain.get(day);
    if (c === undefined) {
      c = new ChainTotals();
      this.chain.set(day, c);
    }
    return c;
  }

  /** One order of the period, on the day it was created. */
  addOrder(row: ReportOrderRow, day: string): void {
    const status = row[REPORT_ORDER.status] as string;
    const t = this.totalsOf(day, row[REPORT_ORDER.order_type] as string);
    const price = row[REPORT_ORDER.price_nano] as IntValue;
    const paid = row[REPORT_ORDER.paid_nano] as IntValue;
    const id = row[REPORT_ORDER.order_id] as string;
    const findings = this.#byOrder.size === 0 ? undefined : this.#byOrder.get(id);
    t.orders += 1;
    t[BUCKET[status] ?? "other"] += 1;
    t.stars.add(row[REPORT_ORDER.stars_amount] as IntValue);
    t.premiumMonths.add(row[REPORT_ORDER.premium_months] as IntValue);
    if (needsText(price)) this.textAmounts += 1;
    if (needsText(paid)) this.textAmounts += 1;
    if (findings !== undefined) {
      t.critical += findings.critical;
      t.warning += findings.warning;
    }
    const balance = row[REPORT_ORDER.payment_method] === "balance";
    if (!BILLED_STATUSES.has(status)) {
      if (!balance) t.receivedUnbilled.add(paid);
      return;
    }
    t.billed.add(price);
    const settled = balance ? (row[REPORT_ORDER.debited_nano] as IntValue) : paid;
    (balance ? t.fromBalance : t.received).add(settled);
    // The common case: settled at the price, nothing to explain.
    if (findings === undefined && settled === price && typeof price === "number") return;
    const gap = big(price) - big(settled);
    let shortfall = findings?.shortfall ?? 0n;
    let excess = findings?.excess ?? 0n;
    const residual = gap - (shortfall - excess);
    if (residual !== 0n) {
      const run = row[REPORT_ORDER.match_run_id] as IntValue;
      const tolerance = run === null ? 0n : (this.#tolerance.get(Number(run)) ?? 0n);
      const size = residual < 0n ? -residual : residual;
      if (!balance && size <= tolerance) {
        // Within the run's --tolerance-ton: the matcher accepted it, so no finding names it.
        if (residual > 0n) shortfall += residual;
        else excess -= residual;
      } else if (!this.unexplained.has(day)) {
        this.unexplained.set(day, { order_id: id, gap_nano: residual, reconciled: run !== null });
      }
    }
    t.shortfall.add(shortfall);
    t.excess.add(excess);
  }
}
