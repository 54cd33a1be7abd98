import { type Builder, beginCell, type Cell } from "@ton/core";
import type { TransferBody } from "./types.js";

/** Op of an encrypted comment (TON's "encrypted_comment" message body). */
export const ENCRYPTED_COMMENT_OP = 0x2167da4b;

/** A binary comment's first byte: it takes the place of the 32-bit op 0 of a text comment. */
export const BINARY_COMMENT_PREFIX = 0xff;

/**
 * Stores bytes as a "snake": as many whole bytes as fit into this cell, the rest in a chain of
 * first references. The same layout `storeStringTail` uses for text, so readers need one loop.
 */
export function storeSnakeBytes(builder: Builder, bytes: Uint8Array): void {
  const fit = Math.floor(builder.availableBits / 8);
  if (bytes.length <= fit) {
    builder.storeBuffer(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length));
    return;
  }
  builder.storeBuffer(Buffer.from(bytes.buffer, bytes.byteOffset, fit));
  const tail = beginCell();
  storeSnakeBytes(tail, bytes.subarray(fit));
  builder.storeRef(tail.endCell());
}

/** The message body cell for a transfer body, exactly as a wallet would send it. */
export function buildBodyCell(body: TransferBody): Cell {
  const b = beginCell();
  switch (body.kind) {
    case "text":
      b.storeUint(0, 32).storeStringTail(body.text);
      break;
    case "binary":
      b.storeUint(BINARY_COMMENT_PREFIX, 8);
      storeSnakeBytes(b, body.bytes);
      break;
    case "encrypted":
      b.storeUint(ENCRYPTED_COMMENT_OP, 32);
      storeSnakeBytes(b, body.bytes);
      break;
    case "op":
      b.storeUint(body.op >>> 0, 32);
      if (body.bytes) storeSnakeBytes(b, body.bytes);
      break;
    case "none":
      break;
  }
  return b.endCell();
}
