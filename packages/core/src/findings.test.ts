import { describe, expect, it } from "vitest";
import { atOrAbove, FINDING_KINDS, findingKey, severityOf } from "./findings.js";

describe("findings", () => {
  it("has the fifteen kinds of docs/reconciliation.md", () => {
    expect(FINDING_KINDS).toHaveLength(15);
    expect(severityOf("bounced_transfer")).toBe("info");
    expect(severityOf("overpaid")).toBe("warning");
    expect(severityOf("control_total_mismatch")).toBe("critical");
  });
  it("compares severities against --fail-on", () => {
    expect(atOrAbove("critical", "warning")).toBe(true);
    expect(atOrAbove("info", "warning")).toBe(false);
    expect(atOrAbove("warning", "warning")).toBe(true);
    expect(atOrAbove("critical", "never")).toBe(false);
  });
  it("builds the spec's keys", () => {
    expect(findingKey.order("underpaid", 10421)).toBe("underpaid:10421");
    expect(findingKey.debitWithoutOrder(77)).toBe("balance_debit_mismatch:btx-77");
    expect(findingKey.controlTotal("2026-04-01", "2026-04-08")).toBe("control_total_mismatch:2026-04-01..2026-04-08");
  });
});
