/** Chain-only findings: money into a payment address that pays no order, and bounced transfers. */
import { FINDING_SEVERITY, type Finding, findingKey, formatIsoUtc, formatTon } from "@omrecon/core";
import type { MatchTransfer } from "./types.js";

export function orphanFinding(t: MatchTransfer): Finding {
  const said = t.comment == null ? "no comment" : `comment ${JSON.stringify(t.comment)}`;
  return {
    key: findingKey.transfer("orphan_transfer", t.hash),
    kind: "orphan_transfer",
    severity: FINDING_SEVERITY.orphan_transfer,
    order_id: null,
    payment_memo: null,
    tx_hash: t.hash,
    expected_nano: null,
    received_nano: null,
    amount_nano: t.value_nano,
    message: `transfer of ${formatTon(t.value_nano)} TON into ${t.address} at ${formatIsoUtc(t.utime * 1000)} with ${said} matches no order`,
    details: { value_nano: t.value_nano.toString(), address: t.address, comment: t.comment },
  };
}

export function bouncedFinding(t: MatchTransfer): Finding {
  const why = t.bounced ? "carried the bounced flag" : "was bounced back to its sender";
  return {
    key: findingKey.transfer("bounced_transfer", t.hash),
    kind: "bounced_transfer",
    severity: FINDING_SEVERITY.bounced_transfer,
    order_id: null,
    payment_memo: null,
    tx_hash: t.hash,
    expected_nano: null,
    received_nano: null,
    amount_nano: t.value_nano,
    message: `message of ${formatTon(t.value_nano)} TON into ${t.address} at ${formatIsoUtc(t.utime * 1000)} ${why}`,
    details: {
      value_nano: t.value_nano.toString(),
      address: t.address,
      bounced: t.bounced,
      bounce_sent: t.bounce_sent === true,
    },
  };
}
