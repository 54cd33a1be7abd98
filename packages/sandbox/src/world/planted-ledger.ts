/**
 * Planted anomalies of the balance ledger: credits no top-up backs, jumps of the running balance,
 * debits naming no order. The `/balance` and stats plants are decided here and applied when the
 * ledger is finalized and the world loaded.
 */
import { FIRST_ORDER_ID, type WorldBuilder } from "./builder.js";
import { TOPUP_TARGET } from "./chain-events.js";
import { findingDraft, type LedgerDraft } from "./drafts.js";
import { share } from "./planted-orders.js";

export function plantLedger(builder: WorldBuilder, opening: LedgerDraft): void {
  const { plant } = builder.options;
  const { random } = builder;
  const afterOpening = Math.floor(opening.at / 1000) + 1;
  const someTon = (lo: number, hi: number) => BigInt(random.int(lo, hi)) * 1_000_000n;

  for (let v = 0; v < plant.credit_without_topup; v++) {
    const variant = v % 3 === 2 && builder.lastOrdinaryPayment < 0 ? 0 : v % 3;
    if (variant === 0) {
      const foreign = random.hex(64);
      const amount = someTon(1_000, 100_000);
      const row = builder.row(builder.settledSecond(afterOpening) * 1000, "topup", amount, {
        foreignHash: foreign,
        description: "balance top-up",
      });
      builder.findings.push(
        findingDraft("credit_without_topup", "credit names a hash that is not on chain", {
          row,
          foreignHash: foreign,
          expected: 0n,
          received: amount,
        }),
      );
    } else if (variant === 1) {
      const utime = builder.settledSecond(afterOpening);
      const value = someTon(1_000, 100_000);
      const event = builder.events.add({
        utime,
        target: TOPUP_TARGET,
        from: builder.payer(),
        value,
        body: { kind: "none" },
      });
      const credited = v % 2 === 0 ? value + share(builder, value, 1, 20) : value - share(builder, value, 1, 20);
      const row = builder.row((utime + random.int(5, 40)) * 1000, "topup", credited, {
        event,
        description: "balance top-up",
      });
      builder.findings.push(
        findingDraft("credit_without_topup", "credit of another amount than the transfer", {
          row,
          event,
          expected: value,
          received: credited,
        }),
      );
    } else {
      // The hash of an order payment: on chain, but into a payment address, not the top-up address.
      const event = builder.lastOrdinaryPayment;
      const amount = builder.events.valueOf(event);
      const row = builder.row((builder.events.utimeOf(event) + 30) * 1000, "topup", amount, {
        event,
        description: "balance top-up",
      });
      builder.findings.push(
        findingDraft("credit_without_topup", "credit names an order payment, not a top-up", {
          row,
          event,
          expected: 0n,
          received: amount,
        }),
      );
    }
  }

  for (let v = 0; v < plant.balance_chain_break; v++) {
    const row = builder.row(builder.settledSecond(afterOpening) * 1000, "adjustment", someTon(10, 1_000), {
      description: "manual correction",
      breakDelta: someTon(1, 10_000),
    });
    builder.findings.push(
      findingDraft("balance_chain_break", "balance_after jumps (every later row follows)", { row }),
    );
  }

  // Every third planted debit mismatch names no order; the others are planted on orders.
  for (let k = 2; k < plant.balance_debit_mismatch; k += 3) {
    const amount = someTon(100, 20_000);
    const ghost = FIRST_ORDER_ID - 1 - Math.floor(k / 3);
    const row = builder.fundedDebit(builder.settledSecond(afterOpening + 900) * 1000, amount, {
      orderId: ghost,
      description: `order ${ghost}`,
    });
    builder.findings.push(
      findingDraft("balance_debit_mismatch", `debit names order ${ghost}, which does not exist`, {
        row,
        expected: 0n,
        received: amount,
      }),
    );
  }

  if (plant.balance_mismatch > 0) {
    builder.balanceOffset = someTon(1, 10_000);
    builder.findings.push(findingDraft("balance_mismatch", "/balance differs from the last balance_after"));
  }

  if (plant.control_total_mismatch > 0) {
    const status = random.pick(["completed", "expired", "pending_payment"]);
    builder.statsOffset = { total_orders: 1, by_status: { [status]: 1 } };
    builder.findings.push(findingDraft("control_total_mismatch", `stats count one ${status} order too many`));
  }
}
