/** Chain-only findings: money into a payment address that pays no order, and bounced transfers. */
import { type Finding, formatIsoUtc, formatTon } from "@omrecon/core";
import { transferFinding } from "./transfer-finding.js";
import type { MatchTransfer } from "./types.js";

export function orphanFinding(t: MatchTransfer): Finding {
  const said = t.comment == null ? "no comment" : `comment ${JSON.stringify(t.comment)}`;
  return transferFinding(
    "orphan_transfer",
    t,
    `transfer of ${formatTon(t.value_nano)} TON into ${t.address} at ${formatIsoUtc(t.utime * 1000)} with ${said} matches no order`,
    { value_nano: t.value_nano.toString(), address: t.address, comment: t.comment },
  );
}

export function bouncedFinding(t: MatchTransfer): Finding {
  const why = t.bounced ? "carried the bounced flag" : "was bounced back to its sender";
  return transferFinding(
    "bounced_transfer",
    t,
    `message of ${formatTon(t.value_nano)} TON into ${t.address} at ${formatIsoUtc(t.utime * 1000)} ${why}`,
    {
      value_nano: t.value_nano.toString(),
      address: t.address,
      bounced: t.bounced,
      bounce_sent: t.bounce_sent === true,
    },
  );
}
