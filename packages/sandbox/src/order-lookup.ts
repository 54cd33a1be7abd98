/**
 * Orders by payment_memo and by client_reference. Both indices are built on first use and kept up
 * to date after that: a world generator loading a million orders should not pay for lookups nobody
 * may make. One order per reference is the common case; an array only when a reference repeats.
 */
import type { SandboxOrder } from "./model.js";

export class OrderLookup {
  readonly #rows: () => readonly SandboxOrder[];
  #byMemo: Map<string, SandboxOrder> | null = null;
  #byReference: Map<string, SandboxOrder | SandboxOrder[]> | null = null;

  /** `rows`: every order so far, for building an index on first use. */
  constructor(rows: () => readonly SandboxOrder[]) {
    this.#rows = rows;
  }

  /** Call for every order added after construction. */
  add(order: SandboxOrder): void {
    if (this.#byMemo) indexMemo(this.#byMemo, order);
    if (this.#byReference) indexReference(this.#byReference, order);
  }

  byMemo(memo: string): SandboxOrder | undefined {
    if (!this.#byMemo) {
      this.#byMemo = new Map();
      for (const order of this.#rows()) indexMemo(this.#byMemo, order);
    }
    return this.#byMemo.get(memo);
  }

  /** In insertion (ascending id) order; a new array. */
  byReference(reference: string): SandboxOrder[] {
    if (!this.#byReference) {
      this.#byReference = new Map();
      for (const order of this.#rows()) indexReference(this.#byReference, order);
    }
    const found = this.#byReference.get(reference);
    return found === undefined ? [] : Array.isArray(found) ? found.slice() : [found];
  }
}

function indexMemo(index: Map<string, SandboxOrder>, order: SandboxOrder): void {
  if (order.payment_memo !== null) index.set(order.payment_memo, order);
}

function indexReference(index: Map<string, SandboxOrder | SandboxOrder[]>, order: SandboxOrder): void {
  if (order.client_reference === null) return;
  const found = index.get(order.client_reference);
  if (found === undefined) index.set(order.client_reference, order);
  else if (Array.isArray(found)) found.push(order);
  else index.set(order.client_reference, [found, order]);
}
