import { FINDING_KINDS, type FindingKind } from "@omrecon/core";
import { describe, expect, it } from "vitest";
import { generateWorld } from "../src/world/generate.js";
import { oracleFindings } from "./world-oracle.js";

const NOW = Date.UTC(2026, 3, 16, 12, 0, 0);
const EVERY_KIND = Object.fromEntries(FINDING_KINDS.map((k) => [k, 3])) as Record<FindingKind, number>;
EVERY_KIND.balance_mismatch = 1;
EVERY_KIND.control_total_mismatch = 1;

const strip = <T extends { planted: string }>({ planted: _, ...rest }: T) => rest;

describe("ground truth against an independent reading of docs/reconciliation.md", () => {
  it.each([1, 2, 3, 42, "omrecon"])(
    "equals the oracle's findings exactly for seed %s with every kind planted",
    (seed) => {
      const world = generateWorld({ seed, orders: 1500, days: 7, now: NOW, plant: EVERY_KIND });
      expect(oracleFindings(world)).toEqual(world.truth.findings.map(strip));
    },
  );

  it("plants enough of each kind to cover every variant and still agrees", () => {
    const plant = Object.fromEntries(FINDING_KINDS.map((k) => [k, 12])) as Record<FindingKind, number>;
    plant.balance_mismatch = 1;
    plant.control_total_mismatch = 1;
    const world = generateWorld({ seed: 9, orders: 3000, days: 3, now: NOW, plant });
    expect(oracleFindings(world)).toEqual(world.truth.findings.map(strip));
  });

  it("finds nothing in a world with only ordinary orders and tricky cases", () => {
    const world = generateWorld({ seed: 5, orders: 2000, days: 7, now: NOW, tricky: true });
    expect(world.truth.findings).toEqual([]);
    expect(oracleFindings(world)).toEqual([]);
  });

  it("keeps every tricky order and transaction out of the findings", () => {
    const world = generateWorld({
      seed: 11,
      orders: 1000,
      now: NOW,
      plant: EVERY_KIND,
      tricky: { float_trap: 6, split_payment: 3 },
    });
    const found = oracleFindings(world);
    for (const t of world.truth.tricky) {
      if (t.order_id !== null) expect(found.filter((f) => f.order_id === t.order_id)).toEqual([]);
      for (const hash of t.tx_hashes) expect(found.filter((f) => f.tx_hash === hash)).toEqual([]);
    }
  });
});
