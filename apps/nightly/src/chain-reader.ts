import type { Logger } from "@omrecon/core";
import { type ReadChain, readNewTransfers, tonClientSource, toncenterRateLimiter } from "@omrecon/reconcile";
import type { Store } from "@omrecon/store";

export interface ChainReaderOptions {
  tonEndpoint: string;
  tonApiKey: string | undefined;
  store: Store;
  logger: Logger;
  /** Overrides toncenter's limits (1 request/s without a key, 10 with one), e.g. for a local simulator. */
  requestsPerSecond?: number;
  signal?: AbortSignal;
}

/** The run's chain step: new transfers of the watched addresses into the store, by lt+hash cursor. */
export function chainReader(options: ChainReaderOptions): ReadChain {
  const source = tonClientSource({
    endpoint: options.tonEndpoint,
    ...(options.tonApiKey !== undefined && { apiKey: options.tonApiKey }),
  });
  const limiter = toncenterRateLimiter(options.tonApiKey, options.requestsPerSecond);
  return async (addresses) => {
    return readNewTransfers({
      source,
      store: options.store,
      addresses,
      limiter,
      logger: options.logger,
      ...(options.signal && { signal: options.signal }),
    });
  };
}
