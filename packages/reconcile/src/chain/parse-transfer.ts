import type { Cell, Slice, Transaction } from "@ton/core";

/** Op of an encrypted comment. */
const ENCRYPTED_COMMENT_OP = 0x2167da4b;
/** A binary comment starts with this byte where a text comment has its 32-bit op 0. */
const BINARY_COMMENT_PREFIX = 0xff;
const strictUtf8 = new TextDecoder("utf-8", { fatal: true });

export type BodyKind = "text" | "binary" | "encrypted" | "op" | "none";

/** One incoming message as `chain_transfers` stores it (without `read_at`, added when written). */
export interface ParsedTransfer {
  /** 64 lowercase hex. */
  hash: string;
  lt: bigint;
  utime: number;
  /** The receiving (watched) address, raw form. */
  address: string;
  /** Sender, raw form; null for an external-in message. */
  source: string | null;
  value_nano: bigint;
  /** The text comment; null for any other body. */
  comment: string | null;
  body_kind: BodyKind;
  external: 0 | 1;
  bounced: 0 | 1;
  aborted: 0 | 1;
  sent_back: 0 | 1;
  /** The incoming message's `bounce` flag; null for an external-in message. */
  bounceable: 0 | 1 | null;
  /** The chain bounced the value back to the sender: the bounce phase ran, or a bounced message went back. */
  bounce_sent: 0 | 1;
  /** Why a body that looked like a text comment was not read as one; absent when all was well. */
  problem?: string;
}

interface ParsedBody {
  kind: BodyKind;
  comment: string | null;
  problem?: string;
}

/** The bytes of a snake: this cell's whole bytes, then its first reference's, and so on. */
function snakeBytes(slice: Slice): Buffer {
  const parts: Buffer[] = [];
  for (let s: Slice | null = slice; s; s = s.remainingRefs > 0 ? s.loadRef().beginParse() : null) {
    if (s.remainingBits % 8 !== 0) throw new Error(`a comment cell holds ${s.remainingBits} bits, not whole bytes`);
    parts.push(s.loadBuffer(s.remainingBits / 8));
  }
  return Buffer.concat(parts);
}

/** Classifies a message body the way TON's deposit guide does, reading text comments strictly. */
export function parseBody(body: Cell): ParsedBody {
  const s = body.beginParse();
  if (s.remainingBits === 0 && s.remainingRefs === 0) return { kind: "none", comment: null };
  if (s.remainingBits >= 8 && s.preloadUint(8) === BINARY_COMMENT_PREFIX) return { kind: "binary", comment: null };
  if (s.remainingBits < 32) return { kind: "op", comment: null, problem: `body of ${s.remainingBits} bits has no op` };
  const op = s.loadUint(32);
  if (op === ENCRYPTED_COMMENT_OP) return { kind: "encrypted", comment: null };
  if (op !== 0) return { kind: "op", comment: null };
  try {
    return { kind: "text", comment: strictUtf8.decode(snakeBytes(s)) };
  } catch (error) {
    const why = error instanceof TypeError ? "is not valid UTF-8" : `cannot be read: ${(error as Error).message}`;
    return { kind: "op", comment: null, problem: `text comment ${why}` };
  }
}

/**
 * An on-chain transaction as the row the matcher reads. Nothing is skipped here: external-in,
 * bounced, aborted and returned ones are kept with their flags, so the matcher can tell a deposit
 * from a bounce. Returns null for a transaction without an incoming message (tick-tock, storage).
 */
export function parseTransfer(tx: Transaction): ParsedTransfer | null {
  const msg = tx.inMessage;
  if (!msg || msg.info.type === "external-out") return null;
  const info = msg.info;
  const internal = info.type === "internal";
  const source = internal ? info.src : null;
  const description = tx.description;
  const aborted = "aborted" in description && description.aborted;
  // A bounce or a return is an internal message from this transaction back to the sender; a bounce
  // is the one the bounce phase makes (it carries the `bounced` flag). An aborted transaction with
  // neither kept the coins: a deposit into an undeployed wallet, or a bounce it could not pay for.
  let sentBack = false;
  let bounceSent = description.type === "generic" && description.bouncePhase?.type === "ok";
  if (source) {
    for (const out of tx.outMessages.values()) {
      if (out.info.type !== "internal" || !out.info.dest.equals(source)) continue;
      sentBack = true;
      if (out.info.bounced) bounceSent = true;
    }
  }
  const body = parseBody(msg.body);
  return {
    hash: tx.hash().toString("hex"),
    lt: tx.lt,
    utime: tx.now,
    address: info.dest.toRawString(),
    source: source ? source.toRawString() : null,
    value_nano: internal ? info.value.coins : 0n,
    comment: body.comment,
    body_kind: body.kind,
    external: internal ? 0 : 1,
    bounced: internal && info.bounced ? 1 : 0,
    aborted: aborted ? 1 : 0,
    sent_back: sentBack ? 1 : 0,
    bounceable: internal ? (info.bounce ? 1 : 0) : null,
    bounce_sent: bounceSent ? 1 : 0,
    ...(body.problem ? { problem: body.problem } : {}),
  };
}
