/** `client.pricing`: rate, fees and price estimates. */
import type { Send } from "../call.js";
import { feesShape, premiumEstimateShape, starsEstimateShape, tonRateShape } from "../schemas.js";
import type { Fees, PriceEstimate, RequestOptions, TonRate } from "../types.js";

export class PricingResource {
  readonly #send: Send;

  constructor(send: Send) {
    this.#send = send;
  }

  /** `GET /pricing/ton-rate`: USD per TON. */
  tonRate(options?: RequestOptions): Promise<TonRate> {
    return this.#send({ method: "GET", path: "/pricing/ton-rate", shape: tonRateShape }, options);
  }

  /** `GET /pricing/fee`: the service fee and the order limits. */
  fee(options?: RequestOptions): Promise<Fees> {
    return this.#send({ method: "GET", path: "/pricing/fee", shape: feesShape }, options);
  }

  /** `GET /pricing/estimate/stars?quantity=`: what `quantity` Stars cost in TON. */
  estimateStars(quantity: number, options?: RequestOptions): Promise<PriceEstimate> {
    const call = {
      method: "GET",
      path: "/pricing/estimate/stars",
      query: { quantity },
      shape: starsEstimateShape,
    } as const;
    return this.#send(call, options);
  }

  /** `GET /pricing/estimate/premium?months=`: what a Premium plan costs in TON. */
  estimatePremium(months: 3 | 6 | 12, options?: RequestOptions): Promise<PriceEstimate> {
    const call = {
      method: "GET",
      path: "/pricing/estimate/premium",
      query: { months },
      shape: premiumEstimateShape,
    } as const;
    return this.#send(call, options);
  }
}
