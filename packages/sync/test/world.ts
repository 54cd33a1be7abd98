/**
 * A small, fully controlled partner world for sync tests, loaded straight into a SandboxState: old
 * settled history, old orders still open (failed, processing, an unknown status), recent pending
 * ones, extra fields, a ledger. The clock is frozen at `now` and moved by the tests.
 */
import { SandboxState, type SandboxStateOptions, type StatsResult } from "@omrecon/sandbox";

const MINUTE = 60_000;
const DAY = 24 * 60 * MINUTE;

export interface TestWorldOptions {
  orders: number;
  /** Days of history. Default 30. */
  days?: number;
  ledger?: number;
  seed?: number;
  /** Default 2026-04-16T12:00:00Z. */
  now?: number;
  /** Added to every stats answer per status (an API whose stats disagree with its own lists). */
  statsOffset?: Record<string, number>;
}

export interface TestWorld {
  state: SandboxState;
  /** Moves the sandbox clock. */
  advance(ms: number): void;
  now(): number;
}

export function createTestWorld(options: TestWorldOptions): TestWorld {
  let clock = options.now ?? Date.UTC(2026, 3, 16, 12, 0, 0);
  const stateOptions = { seed: options.seed ?? 7, now: () => clock };
  const state = options.statsOffset
    ? new SkewedStatsState(stateOptions, options.statsOffset)
    : new SandboxState(stateOptions);
  const days = options.days ?? 30;
  const start = clock - days * DAY;
  const addresses = state.partner.paymentAddresses;
  const n = options.orders;
  // The last few orders are still open at `now`: created in [now − 14 min, now − 2 min).
  const recentCount = Math.max(3, Math.floor(n / 50));
  const history = n - recentCount;
  for (let i = 0; i < n; i++) {
    const id = 10_001 + i;
    // Spread over the history; several orders share a second now and then.
    const created =
      i < history
        ? Math.floor((start + ((clock - 60 * MINUTE - start) * i) / history) / 1000) * 1000
        : Math.floor((clock - 14 * MINUTE + (12 * MINUTE * (i - history)) / recentCount) / 1000) * 1000;
    const recent = i >= history;
    const status = recent ? "pending_payment" : oldStatus(i);
    const stars = i % 5 !== 0;
    const price = stars ? 418_000_000n + BigInt(i % 7) * 1_000_000n : 12_345_678_900n;
    state.insertOrder(
      {
        id,
        status,
        order_type: stars ? "stars" : "premium",
        stars_amount: stars ? 100 + (i % 7) : null,
        premium_months: stars ? null : 3,
        recipient_username: `user_${i}`,
        price_nano: price,
        payment_method: i % 11 === 0 ? "balance" : "ton_memo",
        payment_currency: "TON",
        payment_address: i % 11 === 0 ? null : (addresses[i % addresses.length] ?? null),
        payment_memo: i % 11 === 0 ? null : state.newMemo(stars ? "stars" : "premium"),
        client_reference: i % 3 === 0 ? `ref-${i}` : null,
        tx_hash:
          status === "completed" ? (i % 2 ? "ab".repeat(32) : Buffer.alloc(32, i % 256).toString("base64")) : null,
        created_at: created,
        expires_at: created + 15 * MINUTE,
        updated_at: created + MINUTE,
        paid_at: status === "completed" ? created + MINUTE : null,
        completed_at: status === "completed" ? created + 2 * MINUTE : null,
        ...(i % 13 === 0 && { extra: { fragment_id: `frag-${i}`, nested: { a: i } } }),
      },
      { expire: false },
    );
  }
  const ledger = options.ledger ?? Math.max(1, Math.floor(n / 4));
  let balance = 0n;
  for (let k = 0; k < ledger; k++) {
    const amount = k % 3 === 0 ? 5_000_000_000n : -418_000_000n;
    balance += amount;
    state.insertBalanceTx({
      id: k + 1,
      type: amount > 0n ? "topup" : "order_debit",
      amount_nano: amount,
      balance_after_nano: balance,
      order_id: amount > 0n ? null : 10_001 + k,
      tx_hash: amount > 0n ? "cd".repeat(32) : null,
      description: null,
      created_at: Math.floor((start + ((clock - start) * k) / ledger) / 1000) * 1000,
    });
  }
  return {
    state,
    advance(ms) {
      clock += ms;
    },
    now: () => clock,
  };
}

/** Mostly settled; one in ten still open in some way, a few in a status nobody documented. */
function oldStatus(i: number): string {
  if (i % 50 === 7) return "failed";
  if (i % 50 === 17) return "processing";
  if (i % 97 === 3) return "on_hold";
  return i % 4 === 0 ? "expired" : "completed";
}

class SkewedStatsState extends SandboxState {
  constructor(
    options: SandboxStateOptions,
    readonly offset: Record<string, number>,
  ) {
    super(options);
  }

  override stats(filter: Parameters<SandboxState["stats"]>[0]): StatsResult {
    const stats = super.stats(filter);
    const by_status = { ...stats.by_status };
    let total = stats.total_orders;
    for (const [status, n] of Object.entries(this.offset)) {
      by_status[status] = (by_status[status] ?? 0) + n;
      total += n;
    }
    return { ...stats, by_status, total_orders: total };
  }
}
