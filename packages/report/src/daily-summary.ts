import { type IntValue, intCell, textCell, tonCell } from "./cells.js";

/** Status buckets of the daily summary; everything else (paid, processing, failed, refunded, unknown) is `other`. */
const BUCKET: Record<string, "completed" | "pending" | "expired" | "cancelled"> = {
  completed: "completed",
  pending_payment: "pending",
  expired: "expired",
  cancelled: "cancelled",
};

/**
 * An exact integer sum: a double while it stays a safe integer (no allocation per term), the rest
 * carried in a bigint. Terms are `IntValue`s: safe integers as numbers, others as decimal text.
 */
class ExactSum {
  #small = 0;
  #big = 0n;

  add(value: IntValue): void {
    if (value === null) return;
    if (typeof value === "number") {
      const sum = this.#small + value;
      if (Number.isSafeInteger(sum) && Number.isSafeInteger(value)) {
        this.#small = sum;
        return;
      }
    }
    this.#big += BigInt(value);
  }

  get total(): bigint {
    return this.#big + BigInt(this.#small);
  }
}

class DayTotals {
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
  critical = 0;
  warning = 0;
}

/** Accumulates the day × order type summary while orders stream past; memory grows with days, not orders. */
export class DailySummary {
  /** Day → order type → totals. */
  readonly #days = new Map<string, Map<string, DayTotals>>();
  #lastDay: string | undefined;
  #lastTypes: Map<string, DayTotals> | undefined;

  add(
    day: string,
    orderType: string,
    status: string,
    starsAmount: IntValue,
    premiumMonths: IntValue,
    priceNano: IntValue,
    paidNano: IntValue,
    findings: { critical: number; warning: number } | undefined,
  ): void {
    let types = this.#lastTypes;
    if (day !== this.#lastDay || types === undefined) {
      types = this.#days.get(day);
      if (types === undefined) {
        types = new Map();
        this.#days.set(day, types);
      }
      this.#lastDay = day;
      this.#lastTypes = types;
    }
    let t = types.get(orderType);
    if (t === undefined) {
      t = new DayTotals();
      types.set(orderType, t);
    }
    t.orders += 1;
    t[BUCKET[status] ?? "other"] += 1;
    t.stars.add(starsAmount);
    t.premiumMonths.add(premiumMonths);
    if (status === "paid" || status === "processing" || status === "completed") t.billed.add(priceNano);
    t.received.add(paidNano);
    if (findings !== undefined) {
      t.critical += findings.critical;
      t.warning += findings.warning;
    }
  }

  /** Rows by date, then order type. */
  rows(): string[][] {
    const rows: [string, string, DayTotals][] = [];
    for (const [day, types] of this.#days) for (const [type, t] of types) rows.push([day, type, t]);
    return rows
      .sort(([d1, t1], [d2, t2]) => (d1 < d2 ? -1 : d1 > d2 ? 1 : t1 < t2 ? -1 : t1 > t2 ? 1 : 0))
      .map(([day, type, t]) => [
        day,
        textCell(type),
        intCell(t.orders),
        intCell(t.completed),
        intCell(t.pending),
        intCell(t.expired),
        intCell(t.cancelled),
        intCell(t.other),
        intCell(t.stars.total),
        intCell(t.premiumMonths.total),
        tonCell(t.billed.total),
        tonCell(t.received.total),
        intCell(t.critical),
        intCell(t.warning),
      ]);
  }
}
