import { memoKey, txHashToHex } from "@omrecon/core";
import { Address } from "@ton/core";
import { describe, expect, it } from "vitest";
import { generateWorld } from "../src/world/generate.js";
import { TRICKY_KINDS } from "../src/world/truth.js";

const NOW = Date.UTC(2026, 3, 16, 12, 0, 0);
const MINUTE = 60_000;

function allTransactions(world: ReturnType<typeof generateWorld>) {
  return world.chain.accounts().flatMap((a) => world.chain.transactionsOf(a));
}

describe("generateWorld: shape", () => {
  const world = generateWorld({ seed: 7, orders: 3000, days: 5, now: NOW });

  it("makes exactly the requested number of orders, ids ascending with created_at", () => {
    expect(world.orders).toHaveLength(3000);
    for (let i = 1; i < world.orders.length; i++) {
      expect(world.orders[i]!.id).toBe(world.orders[i - 1]!.id + 1);
      expect(world.orders[i]!.created_at).toBeGreaterThanOrEqual(world.orders[i - 1]!.created_at);
    }
  });

  it("keeps every order, ledger row and transaction inside [now − days, now)", () => {
    const from = NOW - 5 * 24 * 60 * MINUTE;
    expect(world.start).toBe(from);
    for (const o of world.orders) {
      expect(o.created_at).toBeGreaterThanOrEqual(from);
      expect(o.created_at).toBeLessThan(NOW);
      expect(o.updated_at).toBeLessThan(NOW);
    }
    for (const r of world.balanceTxs) expect(r.created_at).toBeGreaterThanOrEqual(from);
    for (const r of world.balanceTxs) expect(r.created_at).toBeLessThan(NOW);
    for (const t of allTransactions(world)) {
      expect(t.spec.utime * 1000).toBeGreaterThanOrEqual(from);
      expect(t.spec.utime * 1000).toBeLessThan(NOW);
    }
  });

  it("has a realistic mix: mostly completed, some open, expired, cancelled, balance-paid and refunded", () => {
    const by = (f: (o: (typeof world.orders)[number]) => boolean) => world.orders.filter(f).length;
    expect(by((o) => o.status === "completed")).toBeGreaterThan(2000);
    for (const status of ["expired", "cancelled", "refunded", "failed"])
      expect(by((o) => o.status === status)).toBeGreaterThan(0);
    expect(by((o) => o.payment_method === "balance")).toBeGreaterThan(50);
    expect(by((o) => o.order_type === "premium")).toBeGreaterThan(100);
    expect(by((o) => o.extra !== undefined)).toBeGreaterThan(10);
    expect(by((o) => o.status === "pending_payment" && o.expires_at > NOW)).toBeGreaterThan(0);
  });

  it("serves payment addresses in UQ, EQ and raw forms of the same two wallets", () => {
    const forms = new Map<string, Set<string>>();
    for (const o of world.orders) {
      if (o.payment_address === null) continue;
      const raw = Address.parse(o.payment_address).toRawString();
      const kind = o.payment_address.startsWith("0:") ? "raw" : o.payment_address.slice(0, 2);
      forms.set(raw, (forms.get(raw) ?? new Set()).add(kind));
    }
    expect(forms.size).toBe(2);
    for (const set of forms.values()) expect([...set].sort()).toEqual(["EQ", "UQ", "raw"]);
  });

  it("serves hashes in hex and base64, all naming real transactions", () => {
    const hashes = new Set(allTransactions(world).map((t) => t.hashHex));
    const named = world.orders.flatMap((o) => (o.tx_hash === null ? [] : [o.tx_hash]));
    expect(named.some((h) => /^[0-9a-f]{64}$/.test(h))).toBe(true);
    expect(named.some((h) => h.endsWith("="))).toBe(true);
    for (const h of named) expect(hashes.has(txHashToHex(h))).toBe(true);
  });

  it("gives every order memo its own case-insensitive key", () => {
    const keys = new Set(world.orders.flatMap((o) => (o.payment_memo ? [memoKey(o.payment_memo)] : [])));
    expect(keys.size).toBe(world.orders.filter((o) => o.payment_memo !== null).length);
  });

  it("keeps the ledger chain unbroken and never negative, and /balance equal to the last row", () => {
    const rows = world.balanceTxs;
    expect(rows.length).toBeGreaterThan(10);
    for (let i = 1; i < rows.length; i++) {
      expect(rows[i]!.id).toBe(rows[i - 1]!.id + 1);
      expect(rows[i]!.balance_after_nano).toBe(rows[i - 1]!.balance_after_nano + rows[i]!.amount_nano);
      expect(rows[i]!.balance_after_nano).toBeGreaterThanOrEqual(0n);
    }
    expect(world.balance).toBe(rows[rows.length - 1]!.balance_after_nano);
  });

  it("plants nothing and lists one of each tricky case by default", () => {
    expect(world.truth.findings).toEqual([]);
    expect(world.truth.tricky.map((t) => t.kind).sort()).toEqual(
      [...TRICKY_KINDS, "address_form", "address_form"].sort(),
    );
    expect(world.truth.window).toEqual({ from: "2026-04-11T12:00:00Z", to: "2026-04-16T12:00:00Z" });
    expect(world.truth.asOf).toBe("2026-04-16T12:00:00Z");
  });
});

describe("generateWorld: determinism", () => {
  const options = { orders: 800, days: 2, now: NOW, plant: { orphan_transfer: 2, underpaid: 2 } };

  it("builds the identical world, hashes included, from the same seed and options", () => {
    const a = generateWorld({ seed: 123, ...options });
    const b = generateWorld({ seed: 123, ...options });
    expect(b.orders).toEqual(a.orders);
    expect(b.balanceTxs).toEqual(a.balanceTxs);
    expect(b.truth).toEqual(a.truth);
    expect(allTransactions(b).map((t) => t.hashHex)).toEqual(allTransactions(a).map((t) => t.hashHex));
  });

  it("builds a different world from another seed", () => {
    const a = generateWorld({ seed: 123, ...options });
    const b = generateWorld({ seed: 124, ...options });
    expect(b.orders.map((o) => o.payment_memo)).not.toEqual(a.orders.map((o) => o.payment_memo));
    expect(b.truth.findings.map((f) => f.key)).not.toEqual(a.truth.findings.map((f) => f.key));
  });
});

describe("generateWorld: planting", () => {
  it("honours exact counts and rates", () => {
    const world = generateWorld({
      seed: 3,
      orders: 2000,
      now: NOW,
      plant: { late_payment: 4, duplicate_payment: { rate: 0.005 }, balance_mismatch: { rate: 0.3 } },
    });
    expect(world.truth.counts.late_payment).toBe(4);
    expect(world.truth.counts.duplicate_payment).toBe(10);
    expect(world.truth.counts.balance_mismatch).toBe(1);
    expect(world.truth.counts.missing_payment).toBe(0);
  });

  it("breaks the ledger chain only where planted", () => {
    const world = generateWorld({ seed: 4, orders: 1500, now: NOW, plant: { balance_chain_break: 3 } });
    const rows = world.balanceTxs;
    const breaks = rows.filter(
      (r, i) => i > 0 && r.balance_after_nano !== rows[i - 1]!.balance_after_nano + r.amount_nano,
    );
    expect(breaks.map((r) => `balance_chain_break:${r.id}`).sort()).toEqual(
      world.truth.findings.map((f) => f.key).sort(),
    );
  });

  it("gives every completed ton_memo order a transfer with its memo unless missing_payment was planted", () => {
    const world = generateWorld({ seed: 6, orders: 1500, now: NOW, plant: { missing_payment: 5 } });
    const paidMemos = new Set(
      allTransactions(world).flatMap((t) =>
        t.spec.body.kind === "text" && t.spec.value > 0n ? [memoKey(t.spec.body.text)] : [],
      ),
    );
    const unpaid = world.orders.filter(
      (o) => o.payment_method === "ton_memo" && o.status === "completed" && !paidMemos.has(memoKey(o.payment_memo!)),
    );
    const planted = new Set(world.truth.findings.map((f) => f.order_id));
    for (const o of unpaid) expect(planted.has(o.id)).toBe(true);
    expect(world.truth.counts.missing_payment).toBe(5);
  });

  it("refuses a world too small for what it must hold, naming the way out", () => {
    expect(() => generateWorld({ seed: 1, orders: 10, now: NOW, plant: { underpaid: 20 } })).toThrow(/too small/);
    expect(() => generateWorld({ seed: 1, orders: 10, now: NOW, tricky: true })).toThrow(/tricky: false/);
  });

  it("refuses unknown kinds and impossible counts", () => {
    expect(() => generateWorld({ seed: 1, orders: 100, now: NOW, plant: { nonsense: 1 } as never })).toThrow(/unknown/);
    expect(() => generateWorld({ seed: 1, orders: 100, now: NOW, plant: { balance_mismatch: 2 } })).toThrow(
      /at most 1/,
    );
    expect(() => generateWorld({ seed: 1, orders: 100, now: NOW, plant: { underpaid: { rate: 2 } } })).toThrow(/rate/);
  });

  it("makes small worlds without tricky cases by default", () => {
    const world = generateWorld({ seed: 1, orders: 5, now: NOW });
    expect(world.orders).toHaveLength(5);
    expect(world.truth.tricky).toEqual([]);
    expect(world.balanceTxs.length).toBeGreaterThan(0);
  });
});
