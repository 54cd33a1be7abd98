import { ByteArena } from "./byte-arena.js";

const CHUNK_BITS = 16;
const CHUNK = 1 << CHUNK_BITS;
const MASK = CHUNK - 1;
const MAX_U64 = (1n << 64n) - 1n;

/** How a transaction's incoming body is kept. */
export const BODY_KINDS = ["text", "binary", "encrypted", "op", "none"] as const;
export type BodyKindCode = 0 | 1 | 2 | 3 | 4;

const F_BOUNCED = 1 << 3;
const F_ABORTED = 1 << 4;
const F_SEND_BACK = 1 << 5;
const F_EXTERNAL = 1 << 6;
const F_BIG_VALUE = 1 << 7;
/** In `flags2`. */
const F2_BOUNCE = 1;
const F2_UNDEPLOYED = 2;

/** The facts of one transaction, as `TxColumns` stores and returns them. */
export interface TxFacts {
  /** Logical time; below 2^53 by construction of the chain's clock. */
  lt: number;
  utime: number;
  hash: Uint8Array;
  /** Index of the account's previous transaction, -1 for its first. */
  prev: number;
  /** Sender, or null for an external-in message. */
  sender: { workchain: number; hash: Uint8Array } | null;
  value: bigint;
  bodyKind: BodyKindCode;
  /** The 32-bit op of an `op` body. */
  op: number;
  /** Text as UTF-8, or the payload bytes of a binary, encrypted or op body. */
  bodyBytes: Uint8Array;
  bounced: boolean;
  aborted: boolean;
  sendBack: boolean;
  /** The incoming message's bounce flag. */
  bounce: boolean;
  undeployed: boolean;
}

interface Chunk {
  lt: Float64Array;
  utime: Uint32Array;
  hash: Uint8Array;
  prev: Int32Array;
  senderWc: Int8Array;
  sender: Uint8Array;
  value: BigUint64Array;
  flags: Uint8Array;
  flags2: Uint8Array;
  op: Uint32Array;
  bodyBlock: Uint32Array;
  bodyOffset: Uint32Array;
  bodyLength: Uint32Array;
}

function newChunk(): Chunk {
  return {
    lt: new Float64Array(CHUNK),
    utime: new Uint32Array(CHUNK),
    hash: new Uint8Array(CHUNK * 32),
    prev: new Int32Array(CHUNK),
    senderWc: new Int8Array(CHUNK),
    sender: new Uint8Array(CHUNK * 32),
    value: new BigUint64Array(CHUNK),
    flags: new Uint8Array(CHUNK),
    flags2: new Uint8Array(CHUNK),
    op: new Uint32Array(CHUNK),
    bodyBlock: new Uint32Array(CHUNK),
    bodyOffset: new Uint32Array(CHUNK),
    bodyLength: new Uint32Array(CHUNK),
  };
}

/**
 * Transaction facts in column chunks of typed arrays (about 110 bytes a transaction plus its body
 * bytes). A million-transaction world then costs ~120 MB instead of the gigabytes that cells or
 * per-transaction objects would, and growing never copies what is already stored.
 */
export class TxColumns {
  private readonly chunks: Chunk[] = [];
  private readonly bodies = new ByteArena();
  /** Values that do not fit in 64 bits (never in practice, but TON allows up to 2^120). */
  private readonly bigValues = new Map<number, bigint>();
  private count = 0;

  get length(): number {
    return this.count;
  }

  append(f: TxFacts): number {
    const i = this.count;
    if ((i & MASK) === 0) this.chunks.push(newChunk());
    const c = this.chunks[i >>> CHUNK_BITS]!;
    const j = i & MASK;
    c.lt[j] = f.lt;
    c.utime[j] = f.utime;
    c.hash.set(f.hash, j * 32);
    c.prev[j] = f.prev;
    let flags = f.bodyKind;
    if (f.sender) {
      c.senderWc[j] = f.sender.workchain;
      c.sender.set(f.sender.hash, j * 32);
    } else {
      flags |= F_EXTERNAL;
    }
    if (f.value > MAX_U64) {
      this.bigValues.set(i, f.value);
      flags |= F_BIG_VALUE;
    } else {
      c.value[j] = f.value;
    }
    if (f.bounced) flags |= F_BOUNCED;
    if (f.aborted) flags |= F_ABORTED;
    if (f.sendBack) flags |= F_SEND_BACK;
    c.flags[j] = flags;
    c.flags2[j] = (f.bounce ? F2_BOUNCE : 0) | (f.undeployed ? F2_UNDEPLOYED : 0);
    c.op[j] = f.op >>> 0;
    const ref = this.bodies.add(f.bodyBytes);
    c.bodyBlock[j] = ref.block;
    c.bodyOffset[j] = ref.offset;
    c.bodyLength[j] = ref.length;
    this.count++;
    return i;
  }

  lt(i: number): number {
    return this.chunks[i >>> CHUNK_BITS]!.lt[i & MASK]!;
  }

  prev(i: number): number {
    return this.chunks[i >>> CHUNK_BITS]!.prev[i & MASK]!;
  }

  /** A view of the stored 32-byte hash. */
  hash(i: number): Uint8Array {
    const j = (i & MASK) * 32;
    return this.chunks[i >>> CHUNK_BITS]!.hash.subarray(j, j + 32);
  }

  get(i: number): TxFacts {
    const c = this.chunks[i >>> CHUNK_BITS]!;
    const j = i & MASK;
    const flags = c.flags[j]!;
    const external = (flags & F_EXTERNAL) !== 0;
    return {
      lt: c.lt[j]!,
      utime: c.utime[j]!,
      hash: c.hash.subarray(j * 32, j * 32 + 32),
      prev: c.prev[j]!,
      sender: external ? null : { workchain: c.senderWc[j]!, hash: c.sender.subarray(j * 32, j * 32 + 32) },
      value: (flags & F_BIG_VALUE) !== 0 ? this.bigValues.get(i)! : c.value[j]!,
      bodyKind: (flags & 7) as BodyKindCode,
      op: c.op[j]!,
      bodyBytes: this.bodies.get(c.bodyBlock[j]!, c.bodyOffset[j]!, c.bodyLength[j]!),
      bounced: (flags & F_BOUNCED) !== 0,
      aborted: (flags & F_ABORTED) !== 0,
      sendBack: (flags & F_SEND_BACK) !== 0,
      bounce: (c.flags2[j]! & F2_BOUNCE) !== 0,
      undeployed: (c.flags2[j]! & F2_UNDEPLOYED) !== 0,
    };
  }

  /** Bytes allocated for the columns and bodies (what a memory budget has to count). */
  get byteSize(): number {
    const perChunk = CHUNK * (8 + 4 + 32 + 4 + 1 + 32 + 8 + 1 + 1 + 4 + 4 + 4 + 4);
    return this.chunks.length * perChunk + this.bodies.byteSize;
  }
}
