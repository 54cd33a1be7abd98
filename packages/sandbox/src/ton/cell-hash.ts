import { hash as digest } from "node:crypto";

/** An ordinary cell, hashed: enough to hash its parents and to serialize it into a BOC. */
export interface CellNode {
  hash: Buffer;
  depth: number;
  /** The cell's bits, padded with the completion tag when not a whole number of bytes. */
  data: Buffer;
  bitLength: number;
  refs: readonly CellNode[];
}

const MAX_BITS = 1023;
const TWO_32 = 2 ** 32;

/**
 * A bit writer for one ordinary cell, writing the same bits @ton/core's `Builder` would. It exists
 * for speed: @ton/core hashes every cell it constructs with a pure-JS SHA-256, which caps the chain
 * at a few thousand transactions a second; this one feeds node's native SHA-256.
 */
export class CellBits {
  private readonly buf = new Uint8Array(128);
  private len = 0;

  get length(): number {
    return this.len;
  }

  get available(): number {
    return MAX_BITS - this.len;
  }

  bit(value: boolean | number): this {
    if (this.len >= MAX_BITS) throw new RangeError("cell overflow");
    if (value) this.buf[this.len >>> 3]! |= 0x80 >>> (this.len & 7);
    this.len++;
    return this;
  }

  /** An unsigned integer of up to 32 bits. */
  uint(value: number, bits: number): this {
    if (this.len + bits > MAX_BITS) throw new RangeError("cell overflow");
    let remaining = bits;
    while (remaining > 0) {
      const room = 8 - (this.len & 7);
      const take = Math.min(room, remaining);
      const chunk = (value >>> (remaining - take)) & ((1 << take) - 1);
      this.buf[this.len >>> 3]! |= chunk << (room - take);
      this.len += take;
      remaining -= take;
    }
    return this;
  }

  /** An unsigned integer below 2^53 in 64 bits (logical times). */
  uint64(value: number): this {
    return this.uint(Math.floor(value / TWO_32), 32).uint(value % TWO_32, 32);
  }

  bytes(src: Uint8Array): this {
    if (this.len + src.length * 8 > MAX_BITS) throw new RangeError("cell overflow");
    const shift = this.len & 7;
    let at = this.len >>> 3;
    if (shift === 0) {
      this.buf.set(src, at);
    } else {
      for (const b of src) {
        this.buf[at]! |= b >>> shift;
        this.buf[++at] = (b << (8 - shift)) & 0xff;
      }
    }
    this.len += src.length * 8;
    return this;
  }

  /** Appends the bits of another writer (a body stored inline in its message). */
  append(other: CellBits): this {
    for (let i = 0; i < other.len; i++) this.bit(other.buf[i >>> 3]! & (0x80 >>> (i & 7)));
    return this;
  }

  /** `Coins` (VarUInteger 16): a 4-bit byte count, then the value big-endian. */
  coins(value: bigint): this {
    if (value === 0n) return this.uint(0, 4);
    let hex = value.toString(16);
    if (hex.length % 2) hex = `0${hex}`;
    this.uint(hex.length / 2, 4);
    return this.bytes(Buffer.from(hex, "hex"));
  }

  /** `MsgAddressInt` as addr_std without anycast. */
  address(workchain: number, hash: Uint8Array): this {
    return this.uint(0b100, 3)
      .uint(workchain & 0xff, 8)
      .bytes(hash);
  }

  /** Ends the cell: its hash and depth from its data and children (ordinary cells, level 0). */
  hash(refs: readonly CellNode[]): CellNode {
    const dataBytes = Math.ceil(this.len / 8);
    const repr = Buffer.alloc(2 + dataBytes + 34 * refs.length);
    repr[0] = refs.length;
    repr[1] = dataBytes + Math.floor(this.len / 8);
    repr.set(this.buf.subarray(0, dataBytes), 2);
    // A partial last byte is completed with a 1 bit followed by zeros (TON's "augmented" bits).
    if (this.len & 7) repr[1 + dataBytes]! |= 0x80 >>> (this.len & 7);
    let at = 2 + dataBytes;
    let depth = 0;
    for (const r of refs) {
      repr[at++] = r.depth >>> 8;
      repr[at++] = r.depth & 0xff;
      depth = Math.max(depth, r.depth + 1);
    }
    for (const r of refs) {
      repr.set(r.hash, at);
      at += 32;
    }
    return {
      hash: digest("sha256", repr, "buffer"),
      depth,
      data: repr.subarray(2, 2 + dataBytes),
      bitLength: this.len,
      refs,
    };
  }
}
