/**
 * Idempotency-Key records: a key names one logical request. The same key with the same request
 * replays the first result; with a different request it is a conflict.
 */
import { SandboxError } from "./sandbox-error.js";

interface IdempotencyRecord {
  fingerprint: string;
  orderId: number;
}

export class IdempotencyStore {
  readonly #records = new Map<string, IdempotencyRecord>();

  get size(): number {
    return this.#records.size;
  }

  /** The order id the key already produced, or undefined; throws IDEMPOTENCY_CONFLICT on a different request. */
  lookup(key: string | undefined, fingerprint: string): number | undefined {
    if (key === undefined) return undefined;
    const record = this.#records.get(key);
    if (!record) return undefined;
    if (record.fingerprint !== fingerprint) {
      throw new SandboxError("IDEMPOTENCY_CONFLICT", 409, "Idempotency-Key was already used with a different request");
    }
    return record.orderId;
  }

  remember(key: string | undefined, fingerprint: string, orderId: number): void {
    if (key !== undefined) this.#records.set(key, { fingerprint, orderId });
  }
}

/** A stable text for a request: the operation and its input with keys sorted. */
export function fingerprint(operation: string, input: Record<string, unknown>): string {
  const sorted = Object.keys(input)
    .sort()
    .map((k) => [k, input[k]]);
  return JSON.stringify([operation, sorted]);
}
