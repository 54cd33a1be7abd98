/**
 * Planted transfers that belong to no order — orphans, bounces, top-ups nobody credited — and the
 * chain-only tricky cases (a wallet's own external-in transaction, a bounce into an account nobody
 * watches). All land in settled history.
 */
import type { TransferBody } from "../ton/types.js";
import type { WorldBuilder } from "./builder.js";
import { TOPUP_TARGET, UNWATCHED_TARGET } from "./chain-events.js";
import { findingDraft } from "./drafts.js";

/** The body of a bounced message: op 0xffffffff, then the start of the original body. */
const BOUNCE_BODY: TransferBody = { kind: "op", op: 0xffffffff, bytes: new Uint8Array([0, 0, 0, 0]) };

function watchedWallet(builder: WorldBuilder): number {
  const used = builder.walletUsed.flatMap((u, i) => (u ? [i] : []));
  if (used.length === 0) {
    throw new RangeError("planting into a payment address needs at least one order paid by ton_memo in the world");
  }
  return builder.random.pick(used);
}

function someTon(builder: WorldBuilder, minMilli: number, maxMilli: number): bigint {
  return BigInt(builder.random.int(minMilli, maxMilli)) * 1_000_000n;
}

function orphanBody(builder: WorldBuilder, v: number): { body: TransferBody; what: string } {
  const { random } = builder;
  switch (v % 5) {
    case 0:
      return { body: { kind: "text", text: `TIP-${random.hex(6)}` }, what: "a comment that is no memo" };
    case 1:
      return { body: { kind: "none" }, what: "no comment" };
    case 2:
      return { body: { kind: "binary", bytes: random.bytes(8) }, what: "a binary comment" };
    case 3:
      return { body: { kind: "encrypted", bytes: random.bytes(48) }, what: "an encrypted comment" };
    default:
      // Real memos carry hex right after the prefix; "zz" there can match none, in any case.
      return { body: { kind: "text", text: `STARS-zz${random.hex(6)}` }, what: "a memo-like comment of no order" };
  }
}

export function plantChain(builder: WorldBuilder): void {
  const { plant, tricky } = builder.options;
  const { random } = builder;

  for (let v = 0; v < plant.orphan_transfer; v++) {
    const { body, what } = orphanBody(builder, v);
    const event = builder.events.add({
      utime: builder.settledSecond(),
      target: watchedWallet(builder),
      from: builder.payer(),
      value: someTon(builder, 50, 20_000),
      body,
    });
    builder.findings.push(findingDraft("orphan_transfer", `valid transfer with ${what}`, { event }));
  }

  for (let v = 0; v < plant.bounced_transfer; v++) {
    const bounced = v % 2 === 0;
    const intoTopup = v % 4 >= 2;
    const event = builder.events.add({
      utime: builder.settledSecond(),
      target: intoTopup ? TOPUP_TARGET : watchedWallet(builder),
      from: builder.payer(),
      value: someTon(builder, 10, 5_000),
      body: bounced ? BOUNCE_BODY : { kind: "text", text: `TIP-${random.hex(6)}` },
      bounced,
      // A bounceable transfer the receiving contract failed on: the chain sends its value back.
      aborted: !bounced,
      sendBack: !bounced,
    });
    const where = intoTopup ? "the top-up address" : "a payment address";
    builder.findings.push(
      findingDraft("bounced_transfer", `${bounced ? "bounced message" : "transfer bounced back"} into ${where}`, {
        event,
      }),
    );
  }

  for (let v = 0; v < plant.topup_without_credit; v++) {
    const event = builder.events.add({
      utime: builder.settledSecond(),
      target: TOPUP_TARGET,
      from: builder.payer(),
      value: someTon(builder, 1_000, 100_000),
      body: v % 2 === 0 ? { kind: "none" } : { kind: "text", text: "top-up" },
    });
    builder.findings.push(findingDraft("topup_without_credit", "top-up on chain, no ledger row", { event }));
  }

  for (let v = 0; v < tricky.external_in_on_wallet; v++) {
    const event = builder.events.add({
      utime: builder.settledSecond(),
      target: watchedWallet(builder),
      from: -1,
      value: 0n,
      body: { kind: "none" },
    });
    builder.tricky.push({
      kind: "external_in_on_wallet",
      note: "the payment wallet's own external-in transaction (it sending money out) is never a transfer",
      order: -1,
      events: [event],
    });
  }

  for (let v = 0; v < tricky.bounce_unwatched; v++) {
    const event = builder.events.add({
      utime: builder.settledSecond(),
      target: UNWATCHED_TARGET,
      from: builder.payer(),
      value: someTon(builder, 10, 1_000),
      body: BOUNCE_BODY,
      bounced: true,
    });
    builder.tricky.push({
      kind: "bounce_unwatched",
      note: "a bounce into a payer's wallet, which nobody watches",
      order: -1,
      events: [event],
    });
  }
}
