const BLOCK_SIZE = 1 << 20;

/** Where `ByteArena.add` put a byte string. */
export interface ArenaRef {
  block: number;
  offset: number;
  length: number;
}

/**
 * Append-only storage for many small byte strings (message bodies) in 1 MiB blocks, so a million
 * memos cost their bytes rather than a million heap objects. A string never spans two blocks.
 */
export class ByteArena {
  private readonly blocks: Uint8Array[] = [];
  /** Index of the block being filled, -1 before the first. */
  private open = -1;
  private used = BLOCK_SIZE;

  add(bytes: Uint8Array): ArenaRef {
    if (bytes.length === 0) return { block: 0, offset: 0, length: 0 };
    if (bytes.length > BLOCK_SIZE) {
      // An oversized string gets a block of its own; the open block stays open for small ones.
      this.blocks.push(bytes.slice());
      return { block: this.blocks.length - 1, offset: 0, length: bytes.length };
    }
    if (this.used + bytes.length > BLOCK_SIZE) {
      this.blocks.push(new Uint8Array(BLOCK_SIZE));
      this.open = this.blocks.length - 1;
      this.used = 0;
    }
    this.blocks[this.open]!.set(bytes, this.used);
    const ref = { block: this.open, offset: this.used, length: bytes.length };
    this.used += bytes.length;
    return ref;
  }

  /** A view (not a copy) of stored bytes. */
  get(block: number, offset: number, length: number): Uint8Array {
    if (length === 0) return new Uint8Array(0);
    return this.blocks[block]!.subarray(offset, offset + length);
  }

  /** Bytes held, including the unused tail of the open block. */
  get byteSize(): number {
    let total = 0;
    for (const b of this.blocks) total += b.length;
    return total;
  }
}
