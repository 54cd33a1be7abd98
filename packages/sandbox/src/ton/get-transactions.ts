import { Address } from "@ton/core";
import { type ToncenterTransaction, toncenterTransaction } from "./toncenter-json.js";
import type { TonChain } from "./types.js";

/** An error as toncenter reports it: `{ ok: false, error, code }` with `code` as the HTTP status. */
export class TonApiError extends Error {
  override name = "TonApiError";
  constructor(
    readonly code: number,
    message: string,
  ) {
    super(message);
  }
}

const MAX_LIMIT = 100;
const HEX_HASH = /^[0-9a-fA-F]{64}$/;
const B64_HASH = /^[A-Za-z0-9+/_-]{43}=?$/;

type Params = Record<string, unknown>;

function integer(params: Params, name: string): bigint | undefined {
  const v = params[name];
  if (v === undefined || v === null || v === "") return undefined;
  if ((typeof v === "number" && Number.isSafeInteger(v)) || (typeof v === "string" && /^-?\d+$/.test(v))) {
    return BigInt(v);
  }
  throw new TonApiError(422, `failed to parse ${name}`);
}

function hashHex(params: Params): string | undefined {
  const v = params.hash;
  if (v === undefined || v === null || v === "") return undefined;
  if (typeof v === "string" && HEX_HASH.test(v)) return v.toLowerCase();
  if (typeof v === "string" && B64_HASH.test(v)) {
    return Buffer.from(v.replace(/-/g, "+").replace(/_/g, "/"), "base64").toString("hex");
  }
  throw new TonApiError(422, "failed to parse hash");
}

function address(params: Params): Address {
  try {
    return Address.parse(String(params.address ?? ""));
  } catch {
    throw new TonApiError(422, "failed to parse address");
  }
}

/**
 * toncenter v2 `getTransactions` over the simulated chain, with toncenter's rules: the address in
 * any form; `limit` 1..100 (default 10); `lt` and `hash` (hex or base64) together or not at all,
 * naming the transaction to start with, inclusive; `to_lt` exclusive; newest first. A start
 * transaction that does not exist or whose hash differs is the liteserver error toncenter passes on.
 */
export function getTransactions(chain: TonChain, params: Params): ToncenterTransaction[] {
  const account = address(params);
  const limit = integer(params, "limit") ?? 10n;
  if (limit <= 0n) throw new TonApiError(422, "limit should be positive");
  if (limit > BigInt(MAX_LIMIT)) throw new TonApiError(422, `limit should be less or equal ${MAX_LIMIT}`);
  const lt = integer(params, "lt");
  if (lt !== undefined && lt <= 0n) throw new TonApiError(422, "lt should be positive");
  const hash = hashHex(params);
  if ((lt === undefined) !== (hash === undefined)) throw new TonApiError(422, "lt and hash should be used together");
  const toLt = integer(params, "to_lt") ?? 0n;

  const page = chain.history(account, { fromLt: lt, toLt, limit: Number(limit) });
  if (lt !== undefined) {
    const first = chain.history(account, { fromLt: lt, limit: 1 })[0];
    if (!first || first.hashHex !== hash) {
      throw new TonApiError(
        500,
        `LITE_SERVER_UNKNOWN: cannot find transaction ${account.toRawString()} lt=${lt} hash=${hash?.toUpperCase()}`,
      );
    }
  }
  return page.map(toncenterTransaction);
}
