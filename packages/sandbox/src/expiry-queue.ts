/**
 * Pending orders by `expires_at` (a binary min-heap), so lazy expiry costs only the orders that
 * are due, not a scan of the world. Entries whose order left `pending_payment` meanwhile are
 * dropped when they surface.
 */
import type { SandboxOrder } from "./model.js";

export class ExpiryQueue {
  readonly #heap: SandboxOrder[] = [];

  get size(): number {
    return this.#heap.length;
  }

  add(order: SandboxOrder): void {
    const heap = this.#heap;
    heap.push(order);
    let i = heap.length - 1;
    while (i > 0) {
      const parent = (i - 1) >>> 1;
      if (heap[parent]!.expires_at <= order.expires_at) break;
      heap[i] = heap[parent]!;
      i = parent;
    }
    heap[i] = order;
  }

  /** Removes and returns every queued order with `expires_at < now`, earliest first. */
  takeDue(now: number): SandboxOrder[] {
    const due: SandboxOrder[] = [];
    while (this.#heap.length > 0 && this.#heap[0]!.expires_at < now) due.push(this.#pop());
    return due;
  }

  #pop(): SandboxOrder {
    const heap = this.#heap;
    const top = heap[0]!;
    const last = heap.pop()!;
    const n = heap.length;
    if (n === 0) return top;
    let i = 0;
    for (;;) {
      const l = 2 * i + 1;
      if (l >= n) break;
      const r = l + 1;
      const c = r < n && heap[r]!.expires_at < heap[l]!.expires_at ? r : l;
      if (heap[c]!.expires_at >= last.expires_at) break;
      heap[i] = heap[c]!;
      i = c;
    }
    heap[i] = last;
    return top;
  }
}
