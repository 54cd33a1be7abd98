import {
  type AccountStatus,
  type Address,
  beginCell,
  type Cell,
  type CommonMessageInfo,
  Dictionary,
  type DictionaryValue,
  loadMessage,
  type Message,
  storeMessage,
  storeTransaction,
  type Transaction,
  type TransactionDescriptionGeneric,
} from "@ton/core";
import { buildBodyCell } from "./body-cell.js";
import type { ChainTransaction } from "./types.js";

// Fixed fees: the simulator does not run TVM, it only needs plausible, deterministic numbers.
export const STORAGE_FEE = 17n;
const GAS_USED = 309n;
export const GAS_FEE = GAS_USED * 400n;
export const FORWARD_FEE = 266_669n;
/** Exit code of a failed compute phase (a contract's own `throw(100)`). */
const ABORT_EXIT_CODE = 100;
const ZERO_HASH = Buffer.alloc(32);
/** Account state hashes are not simulated: every transaction claims an unchanged all-zero state. */
export const STATE_UPDATE = { oldHash: ZERO_HASH, newHash: ZERO_HASH };

/** Out messages sit in the dictionary by reference (@ton/core defines this but does not export it). */
const MessageRef: DictionaryValue<Message> = {
  serialize: (src, builder) => builder.storeRef(beginCell().store(storeMessage(src))),
  parse: (slice) => loadMessage(slice.loadRef().beginParse()),
};

/** The fees every simulated transaction pays (toncenter's `fee` and `storage_fee`). */
export const TRANSACTION_FEES = { total: STORAGE_FEE + GAS_FEE, storage: STORAGE_FEE } as const;

function bigintOf(bytes: Buffer | Uint8Array): bigint {
  return BigInt(`0x${Buffer.from(bytes).toString("hex") || "0"}`);
}

function addressHash(address: Address): bigint {
  return bigintOf(address.hash);
}

/** The header of the message that triggered the transaction: internal from `from`, or external-in. */
export function incomingMessageInfo(tx: ChainTransaction): CommonMessageInfo {
  const { spec } = tx;
  if (spec.from === null) return { type: "external-in", src: null, dest: spec.to, importFee: 0n };
  // Built by hand rather than with `internal()`, which leaves out `src`: a message inside a
  // transaction must name its sender, and that sender is what the chain reader reports.
  return {
    type: "internal",
    ihrDisabled: true,
    // A bounceable message into a failing contract is what makes the chain return it.
    bounce: spec.bounce ?? Boolean(spec.aborted && spec.sendBack),
    bounced: Boolean(spec.bounced),
    src: spec.from,
    dest: spec.to,
    value: { coins: spec.value },
    ihrFee: 0n,
    forwardFee: FORWARD_FEE,
    createdLt: tx.lt - 1n,
    createdAt: spec.utime,
  };
}

/** The message that triggered the transaction. */
export function incomingMessage(tx: ChainTransaction): Message {
  return { info: incomingMessageInfo(tx), body: buildBodyCell(tx.spec.body) };
}

/** The message that returns the value to the sender (a bounce when the transaction aborted). */
export function returnMessage(tx: ChainTransaction): Message | null {
  const { spec } = tx;
  if (!spec.sendBack || spec.from === null) return null;
  return {
    info: {
      type: "internal",
      ihrDisabled: true,
      bounce: false,
      bounced: Boolean(spec.aborted),
      src: spec.to,
      dest: spec.from,
      value: { coins: spec.value },
      ihrFee: 0n,
      forwardFee: FORWARD_FEE,
      createdLt: tx.lt + 1n,
      createdAt: spec.utime,
    },
    body: beginCell().endCell(),
  };
}

/** What an undeployed account's bounce phase reports when the value cannot pay for the bounce. */
const BOUNCE_NO_FUNDS = {
  type: "no-funds",
  messageSize: { cells: 1n, bits: 705n },
  requiredForwardFees: FORWARD_FEE,
} as const;

/** The account's status before and after: undeployed accounts stay so (the first one did not exist). */
export function accountStatuses(tx: ChainTransaction): { oldStatus: AccountStatus; endStatus: AccountStatus } {
  if (!tx.spec.undeployed) return { oldStatus: "active", endStatus: "active" };
  return { oldStatus: tx.prevLt === 0n ? "non-existing" : "uninitialized", endStatus: "uninitialized" };
}

/** The transaction's description (phases, fees, aborted flag); `out` is its return message if any. */
export function transactionDescription(tx: ChainTransaction, out: Message | null): TransactionDescriptionGeneric {
  const { spec } = tx;
  const aborted = Boolean(spec.aborted || spec.undeployed);
  const internal = spec.from !== null;
  const bounce = spec.bounce ?? Boolean(aborted && spec.sendBack);
  return {
    type: "generic",
    creditFirst: internal && !bounce,
    storagePhase: { storageFeesCollected: STORAGE_FEE, statusChange: "unchanged" },
    creditPhase: internal ? { credit: { coins: spec.value } } : null,
    computePhase: spec.undeployed
      ? { type: "skipped", reason: "no-state" }
      : {
          type: "vm",
          success: !aborted,
          messageStateUsed: false,
          accountActivated: false,
          gasFees: GAS_FEE,
          gasUsed: GAS_USED,
          gasLimit: internal ? 1_000_000n : 0n,
          gasCredit: internal ? null : 10_000n,
          mode: 0,
          exitCode: aborted ? ABORT_EXIT_CODE : 0,
          exitArg: null,
          vmSteps: aborted ? 4 : 7,
          vmInitStateHash: 0n,
          vmFinalStateHash: 0n,
        },
    actionPhase: aborted
      ? null
      : {
          success: true,
          valid: true,
          noFunds: false,
          statusChange: "unchanged",
          totalFwdFees: out ? FORWARD_FEE : null,
          totalActionFees: out ? FORWARD_FEE / 3n : null,
          resultCode: 0,
          resultArg: null,
          totalActions: out ? 1 : 0,
          specActions: 0,
          skippedActions: 0,
          messagesCreated: out ? 1 : 0,
          actionListHash: 0n,
          totalMessageSize: { cells: out ? 1n : 0n, bits: out ? 705n : 0n },
        },
    bouncePhase:
      aborted && out
        ? {
            type: "ok",
            messageSize: { cells: 1n, bits: 705n },
            messageFees: FORWARD_FEE / 3n,
            forwardFees: FORWARD_FEE,
          }
        : aborted && bounce
          ? BOUNCE_NO_FUNDS
          : null,
    aborted,
    destroyed: false,
  };
}

/**
 * Builds the transaction cell from the recorded facts. Pure and deterministic: the chain hashes
 * this cell once when a transaction is added and rebuilds it byte for byte when it is served, so
 * no cell has to be kept in memory.
 */
export function buildTransactionCell(tx: ChainTransaction): Cell {
  const out = returnMessage(tx);
  const outMessages = Dictionary.empty(Dictionary.Keys.Uint(15), MessageRef);
  if (out) outMessages.set(0, out);
  const transaction = {
    address: addressHash(tx.spec.to),
    lt: tx.lt,
    prevTransactionHash: BigInt(`0x${tx.prevHashHex}`),
    prevTransactionLt: tx.prevLt,
    now: tx.spec.utime,
    outMessagesCount: out ? 1 : 0,
    ...accountStatuses(tx),
    inMessage: incomingMessage(tx),
    outMessages,
    totalFees: { coins: TRANSACTION_FEES.total },
    stateUpdate: STATE_UPDATE,
    description: transactionDescription(tx, out),
  } satisfies Omit<Transaction, "raw" | "hash">;
  return beginCell()
    .store(storeTransaction(transaction as Transaction))
    .endCell();
}
