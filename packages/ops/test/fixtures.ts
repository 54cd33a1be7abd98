/** Findings and runs for the alert tests: a hostile on-chain comment among ordinary findings. */
import type { Finding } from "@omrecon/core";
import type { AlertDestination } from "../src/index.js";

export const HOSTILE = "<!channel> <https://evil.example|x> & *y*";

export function orphan(n: number, comment = HOSTILE): Finding {
  const hash = n.toString(16).padStart(64, "0");
  return {
    key: `orphan_transfer:${hash}`,
    kind: "orphan_transfer",
    severity: "warning",
    order_id: null,
    payment_memo: null,
    tx_hash: hash,
    expected_nano: null,
    received_nano: null,
    amount_nano: 1_000_000_000n + BigInt(n),
    message: `transfer of 1 TON into 0:${"07".repeat(32)} at 2026-04-16T12:00:00Z with comment ${JSON.stringify(comment)} matches no order`,
    details: { comment },
  };
}

export function underpaid(order: number, receivedNano = 400_000_000n): Finding {
  return {
    key: `underpaid:${order}`,
    kind: "underpaid",
    severity: "critical",
    order_id: order,
    payment_memo: `STARS-${order}`,
    tx_hash: null,
    expected_nano: 418_000_000n,
    received_nano: receivedNano,
    amount_nano: 418_000_000n - receivedNano,
    message: `order ${order} (STARS-${order}) received ${receivedNano} of 418000000 nanotons`,
  };
}

export const RUN = {
  runId: 12,
  window: { from: "2026-04-09T00:00:00.000Z", to: "2026-04-16T00:00:00.000Z" },
  asOf: "2026-04-16T00:00:00.000Z",
  totals: { orders: 300, transfers: 280, matched: 270, findings: 3, new_findings: 3 },
};

export const AT = "2026-04-16T02:00:00.000Z";

export function destination(over: Partial<AlertDestination> = {}): AlertDestination {
  return { url: "http://127.0.0.1:1/hook", format: "json", host: "nightly-1", userAgent: "omrecon/test", ...over };
}
