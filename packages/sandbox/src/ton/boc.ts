import { type Cell, crc32c } from "@ton/core";
import { CellBits, type CellNode } from "./cell-hash.js";

const BOC_MAGIC = 0xb5ee9c72;

/** A @ton/core cell as a `CellNode` (for the few constant cells the fast path reuses). */
export function nodeOfCell(cell: Cell): CellNode {
  const bits = new CellBits();
  for (let i = 0; i < cell.bits.length; i++) bits.bit(cell.bits.at(i));
  return bits.hash(cell.refs.map(nodeOfCell));
}

function bytesFor(n: number): number {
  return Math.max(1, Math.ceil(n.toString(2).length / 8));
}

function writeUint(out: Buffer, at: number, value: number, bytes: number): number {
  for (let i = bytes - 1; i >= 0; i--) out[at + (bytes - 1 - i)] = Math.floor(value / 256 ** i) & 0xff;
  return at + bytes;
}

/**
 * The cells under `root` in the order @ton/core's `topologicalSort` gives them: unique cells
 * collected breadth first, then a depth-first post-order (last reference first), reversed, so
 * every cell comes before the cells it references.
 */
function sortCells(root: CellNode): { cells: CellNode[]; index: Map<string, number> } {
  const byHash = new Map<string, CellNode>();
  const pendingOrder = new Set<string>();
  let pending: CellNode[] = [root];
  while (pending.length > 0) {
    const level = pending;
    pending = [];
    for (const cell of level) {
      const key = cell.hash.toString("hex");
      if (byHash.has(key)) continue;
      byHash.set(key, cell);
      pendingOrder.add(key);
      pending.push(...cell.refs);
    }
  }
  const sorted: string[] = [];
  const visit = (key: string): void => {
    if (!pendingOrder.has(key)) return;
    const refs = byHash.get(key)!.refs;
    for (let i = refs.length - 1; i >= 0; i--) visit(refs[i]!.hash.toString("hex"));
    sorted.push(key);
    pendingOrder.delete(key);
  };
  while (pendingOrder.size > 0) visit(pendingOrder.values().next().value!);
  sorted.reverse();
  return { cells: sorted.map((k) => byHash.get(k)!), index: new Map(sorted.map((k, i) => [k, i])) };
}

/**
 * Serializes a cell tree into a bag of cells byte for byte as @ton/core's `Cell#toBoc()` does
 * (no index, with CRC32-C): the simulator serves every transaction's BOC without building
 * @ton/core cells, whose pure-JS hashing would cost ten times more.
 */
export function serializeBoc(root: CellNode): Buffer {
  const { cells, index } = sortCells(root);
  const sizeBytes = bytesFor(cells.length);
  let cellsSize = 0;
  for (const c of cells) cellsSize += 2 + c.data.length + c.refs.length * sizeBytes;
  const offsetBytes = bytesFor(cellsSize);
  const total = 4 + 1 + 1 + 3 * sizeBytes + offsetBytes + sizeBytes + cellsSize + 4;
  const out = Buffer.alloc(total);
  let at = writeUint(out, 0, BOC_MAGIC, 4);
  out[at++] = (1 << 6) | sizeBytes; // no index, CRC32-C, no cache bits, flags 0
  out[at++] = offsetBytes;
  at = writeUint(out, at, cells.length, sizeBytes);
  at = writeUint(out, at, 1, sizeBytes); // roots
  at = writeUint(out, at, 0, sizeBytes); // absent
  at = writeUint(out, at, cellsSize, offsetBytes);
  at = writeUint(out, at, 0, sizeBytes); // the root is cell 0
  for (const c of cells) {
    out[at++] = c.refs.length;
    out[at++] = Math.ceil(c.bitLength / 8) + Math.floor(c.bitLength / 8);
    c.data.copy(out, at);
    at += c.data.length;
    for (const r of c.refs) at = writeUint(out, at, index.get(r.hash.toString("hex"))!, sizeBytes);
  }
  crc32c(out.subarray(0, at)).copy(out, at);
  return out;
}
