/**
 * The slice of a TON HTTP API the chain reader uses: one page of an account's history at a time.
 * `tonClientSource` implements it with @ton/ton's TonClient; tests and other backends (an indexer,
 * a liteserver) can stand in for it.
 */
import { OmreconError } from "@omrecon/core";
import type { Address, Transaction } from "@ton/core";

/** One transaction's identity, as paging needs it. */
export interface TransactionId {
  lt: bigint;
  /** 64 lowercase hex. */
  hash: string;
}

export interface ChainPageRequest {
  address: Address;
  /** At most this many transactions (1..pageLimit). */
  limit: number;
  /** Only transactions older than this one (exclusive); absent: from the newest. */
  before?: TransactionId;
  /** Only transactions with lt > toLt. */
  toLt?: bigint;
  signal?: AbortSignal;
}

export interface ChainSource {
  /** The most transactions one page may hold. */
  readonly pageLimit: number;
  /** Names the endpoint in errors, e.g. `TON_ENDPOINT https://toncenter.com/api/v2/jsonRPC` (never a key). */
  readonly label?: string;
  /** One page of the account's transactions, newest first. Failures are `ChainSourceError`s. */
  getTransactions(request: ChainPageRequest): Promise<Transaction[]>;
}

/**
 * A page could not be read. `retryable`: a 429, a 5xx, a cut connection, a timeout or a garbled
 * body; not a redirect, a refused key or an answer over the size limit.
 */
export class ChainSourceError extends OmreconError {
  override name = "ChainSourceError";
  /** HTTP status when the server answered, else null. */
  readonly status: number | null;
  readonly retryable: boolean;
  /** The server's own wait (Retry-After), when it gave one. */
  readonly retryAfterMs: number | null;

  constructor(
    message: string,
    options: { status: number | null; retryable: boolean; retryAfterMs?: number | null; cause?: unknown },
  ) {
    super(message, { code: "chain_unreadable", cause: options.cause });
    this.status = options.status;
    this.retryable = options.retryable;
    this.retryAfterMs = options.retryAfterMs ?? null;
  }
}
