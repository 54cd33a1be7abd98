import { intCell, textCell, tonCell } from "./cells.js";

/** Status buckets of the daily summary; everything else (paid, processing, failed, refunded, unknown) is `other`. */
const BUCKET: Record<string, "completed" | "pending" | "expired" | "cancelled"> = {
  completed: "completed",
  pending_payment: "pending",
  expired: "expired",
  cancelled: "cancelled",
};
const BILLED = new Set(["paid", "processing", "completed"]);

interface DayTotals {
  orders: number;
  completed: number;
  pending: number;
  expired: number;
  cancelled: number;
  other: number;
  stars: bigint;
  premiumMonths: bigint;
  billed: bigint;
  received: bigint;
  critical: number;
  warning: number;
}

export interface SummaryOrder {
  day: string;
  order_type: string;
  status: string;
  stars_amount: bigint | null;
  premium_months: bigint | null;
  price_nano: bigint;
  paid_nano: bigint | null;
  findings: { critical: number; warning: number } | undefined;
}

/** Accumulates the day × order type summary while orders stream past; memory grows with days, not orders. */
export class DailySummary {
  readonly #days = new Map<string, DayTotals>();

  add(o: SummaryOrder): void {
    const key = `${o.day}\u0000${o.order_type}`;
    let t = this.#days.get(key);
    if (!t) {
      t = {
        orders: 0,
        completed: 0,
        pending: 0,
        expired: 0,
        cancelled: 0,
        other: 0,
        stars: 0n,
        premiumMonths: 0n,
        billed: 0n,
        received: 0n,
        critical: 0,
        warning: 0,
      };
      this.#days.set(key, t);
    }
    t.orders += 1;
    t[BUCKET[o.status] ?? "other"] += 1;
    t.stars += o.stars_amount ?? 0n;
    t.premiumMonths += o.premium_months ?? 0n;
    if (BILLED.has(o.status)) t.billed += o.price_nano;
    t.received += o.paid_nano ?? 0n;
    t.critical += o.findings?.critical ?? 0;
    t.warning += o.findings?.warning ?? 0;
  }

  /** Rows by date, then order type. */
  rows(): string[][] {
    return [...this.#days.entries()]
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
      .map(([key, t]) => {
        const [day, type] = key.split("\u0000") as [string, string];
        return [
          day,
          textCell(type),
          intCell(t.orders),
          intCell(t.completed),
          intCell(t.pending),
          intCell(t.expired),
          intCell(t.cancelled),
          intCell(t.other),
          intCell(t.stars),
          intCell(t.premiumMonths),
          tonCell(t.billed),
          tonCell(t.received),
          intCell(t.critical),
          intCell(t.warning),
        ];
      });
  }
}
