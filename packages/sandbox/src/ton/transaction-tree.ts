import { Address, beginCell, storeHashUpdate, storeTransactionDescription } from "@ton/core";
import { nodeOfCell } from "./boc.js";
import { BINARY_COMMENT_PREFIX, ENCRYPTED_COMMENT_OP } from "./body-cell.js";
import { CellBits, type CellNode } from "./cell-hash.js";
import {
  buildTransactionCell,
  FORWARD_FEE,
  GAS_FEE,
  STATE_UPDATE,
  STORAGE_FEE,
  TRANSACTION_FEES,
  transactionDescription,
} from "./transaction-cell.js";
import type { ChainTransaction, TransferBody } from "./types.js";

const SNAKE_BYTES_PER_CELL = 127;
const ACCOUNT_ACTIVE = 0b10;

let stateUpdate: CellNode | undefined;
/** Ref cells of the description that do not depend on the transaction's value (built once by @ton/core). */
const descriptionRefs = new Map<string, readonly CellNode[]>();

function constantDescriptionRefs(aborted: boolean, internal: boolean): readonly CellNode[] {
  const key = `${aborted}:${internal}`;
  let refs = descriptionRefs.get(key);
  if (!refs) {
    const any = new Address(0, Buffer.alloc(32));
    const template: ChainTransaction = {
      spec: { to: any, from: internal ? any : null, value: 0n, body: { kind: "none" }, utime: 0, aborted },
      lt: 2n,
      hashHex: "",
      prevLt: 0n,
      prevHashHex: "0".repeat(64),
    };
    const cell = beginCell()
      .store(storeTransactionDescription(transactionDescription(template, null)))
      .endCell();
    refs = cell.refs.map(nodeOfCell);
    descriptionRefs.set(key, refs);
  }
  return refs;
}

function bodyHeader(bits: CellBits, body: TransferBody): Uint8Array {
  switch (body.kind) {
    case "text":
      bits.uint(0, 32);
      return Buffer.from(body.text, "utf8");
    case "binary":
      bits.uint(BINARY_COMMENT_PREFIX, 8);
      return body.bytes;
    case "encrypted":
      bits.uint(ENCRYPTED_COMMENT_OP, 32);
      return body.bytes;
    case "op":
      bits.uint(body.op >>> 0, 32);
      return body.bytes ?? new Uint8Array(0);
    case "none":
      return new Uint8Array(0);
  }
}

/** The body as `buildBodyCell` lays it out: header, then bytes snaking through first references. */
function bodyCell(body: TransferBody): { bits: CellBits; refs: CellNode[] } {
  const bits = new CellBits();
  const bytes = bodyHeader(bits, body);
  const fit = Math.floor(bits.available / 8);
  if (bytes.length <= fit) return { bits: bits.bytes(bytes), refs: [] };
  bits.bytes(bytes.subarray(0, fit));
  let tail: CellNode | null = null;
  const rest = bytes.subarray(fit);
  const last = Math.floor((rest.length - 1) / SNAKE_BYTES_PER_CELL) * SNAKE_BYTES_PER_CELL;
  for (let at = last; at >= 0; at -= SNAKE_BYTES_PER_CELL) {
    const piece = new CellBits().bytes(rest.subarray(at, at + SNAKE_BYTES_PER_CELL));
    tail = piece.hash(tail ? [tail] : []);
  }
  return { bits, refs: [tail!] };
}

function incomingMessageCell(tx: ChainTransaction): { message: CellNode; body: CellNode } {
  const { spec } = tx;
  const bits = new CellBits();
  if (spec.from) {
    bits
      .bit(0)
      .bit(1) // ihr_disabled
      .bit(0) // bounce: only a returned message into an aborting contract is bounceable
      .bit(spec.bounced ? 1 : 0)
      .address(spec.from.workChain, spec.from.hash)
      .address(spec.to.workChain, spec.to.hash)
      .coins(spec.value)
      .bit(0) // no extra currencies
      .coins(0n)
      .coins(FORWARD_FEE)
      .uint64(Number(tx.lt) - 1)
      .uint(spec.utime, 32);
  } else {
    bits.bit(1).bit(0).uint(0, 2).address(spec.to.workChain, spec.to.hash).coins(0n);
  }
  bits.bit(0); // no state init
  const body = bodyCell(spec.body);
  const bodyNode = body.bits.hash(body.refs);
  // Same rule as @ton/core's storeMessage: inline when the bits and refs fit, else by reference.
  if (bits.available - 1 < body.bits.length || body.refs.length > 4) {
    return { message: bits.bit(1).hash([bodyNode]), body: bodyNode };
  }
  return { message: bits.bit(0).append(body.bits).hash(body.refs), body: bodyNode };
}

/** The cells of a transaction that the fast path builds, with the two toncenter names by hash. */
export interface TransactionTree {
  root: CellNode;
  inMessage: CellNode;
  /** The incoming message's body as a cell of its own (even when stored inline). */
  inBody: CellNode;
}

/**
 * `buildTransactionCell(tx)` as a `CellNode` tree, built without @ton/core cells for the common case
 * (no return message): about ten times faster. Null for a transaction with a return message, a
 * bounceable incoming message or an undeployed account, which go through @ton/core itself. Tests pin both paths to the same hash and the same BOC bytes for
 * every kind of transaction.
 */
export function transactionTree(tx: ChainTransaction): TransactionTree | null {
  const { spec } = tx;
  // Bounces, bounceable messages and undeployed accounts have other phases: @ton/core builds those.
  if (spec.sendBack || spec.bounce || spec.undeployed) return null;
  const internal = spec.from !== null;
  const aborted = Boolean(spec.aborted);

  const incoming = incomingMessageCell(tx);
  const messages = new CellBits().bit(1).bit(0).hash([incoming.message]);

  const description = new CellBits()
    .uint(0, 4)
    .bit(internal ? 1 : 0) // credit_first
    .bit(1)
    .coins(STORAGE_FEE)
    .bit(0)
    .bit(0); // storage phase: fees, no dues, status unchanged
  if (internal) description.bit(1).bit(0).coins(spec.value).bit(0);
  else description.bit(0);
  description
    .bit(1)
    .bit(aborted ? 0 : 1)
    .bit(0)
    .bit(0)
    .coins(GAS_FEE); // compute phase (vm), details by reference
  description.bit(aborted ? 0 : 1); // action phase by reference, absent when aborted
  description
    .bit(aborted ? 1 : 0)
    .bit(0)
    .bit(0); // aborted, no bounce phase, not destroyed
  const descriptionCell = description.hash(constantDescriptionRefs(aborted, internal));

  stateUpdate ??= nodeOfCell(beginCell().store(storeHashUpdate(STATE_UPDATE)).endCell());

  const root = new CellBits()
    .uint(0x7, 4)
    .bytes(spec.to.hash)
    .uint64(Number(tx.lt))
    .bytes(Buffer.from(tx.prevHashHex, "hex"))
    .uint64(Number(tx.prevLt))
    .uint(spec.utime, 32)
    .uint(0, 15)
    .uint(ACCOUNT_ACTIVE, 2)
    .uint(ACCOUNT_ACTIVE, 2)
    .coins(TRANSACTION_FEES.total)
    .bit(0);
  return {
    root: root.hash([messages, stateUpdate, descriptionCell]),
    inMessage: incoming.message,
    inBody: incoming.body,
  };
}

/** The transaction's hash: the fast path when it applies, @ton/core otherwise. */
export function transactionHash(tx: ChainTransaction): Buffer {
  return transactionTree(tx)?.root.hash ?? buildTransactionCell(tx).hash();
}
