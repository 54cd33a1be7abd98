/**
 * The sandbox's deterministic price list: a fixed TON/USD rate, a USD price per Star and per
 * Premium plan, and a percentage fee. Every step is integer arithmetic on 10^-9 fixed point, so a
 * price is the same nanotons on every machine.
 */
import { formatTon, type Nano, parseTon } from "@omrecon/core";

export const PREMIUM_MONTHS = [3, 6, 12] as const;
export type PremiumMonths = (typeof PREMIUM_MONTHS)[number];

export interface PricingConfig {
  /** USD per TON, decimal text. */
  tonUsd: string;
  /** USD per Star, decimal text. */
  starUsd: string;
  /** USD per Premium plan, decimal text. */
  premiumUsd: Record<PremiumMonths, string>;
  /** Service fee in percent, decimal text. */
  feePercent: string;
  minStars: number;
  maxStars: number;
}

export const DEFAULT_PRICING: PricingConfig = {
  tonUsd: "3.25",
  starUsd: "0.015",
  premiumUsd: { 3: "11.99", 6: "15.99", 12: "28.99" },
  feePercent: "5",
  minStars: 50,
  maxStars: 10_000,
};

// parseTon reads any decimal text into units of 10^-9: here it is a fixed-point reader, not only TON.
const fixed9 = (text: string): bigint => parseTon(text);
const ONE = 1_000_000_000n;
/** Prices are rounded up to whole 0.001 TON, like the page's example price (0.418). */
const PRICE_STEP = 1_000_000n;

function usdToNano(usd9: bigint, config: PricingConfig): Nano {
  const withFee = (usd9 * (100n * ONE + fixed9(config.feePercent))) / (100n * ONE);
  const nanoExact = (withFee * ONE + fixed9(config.tonUsd) - 1n) / fixed9(config.tonUsd);
  return (((nanoExact + PRICE_STEP - 1n) / PRICE_STEP) * PRICE_STEP) as Nano;
}

export function isPremiumMonths(value: unknown): value is PremiumMonths {
  return (PREMIUM_MONTHS as readonly unknown[]).includes(value);
}

export function priceStars(quantity: number, config: PricingConfig = DEFAULT_PRICING): Nano {
  return usdToNano(BigInt(quantity) * fixed9(config.starUsd), config);
}

export function pricePremium(months: PremiumMonths, config: PricingConfig = DEFAULT_PRICING): Nano {
  return usdToNano(fixed9(config.premiumUsd[months]), config);
}

/** The rate as exact decimal text (for serving as a JSON number). */
export function tonUsdText(config: PricingConfig): string {
  return formatTon(fixed9(config.tonUsd));
}

export function feePercentText(config: PricingConfig): string {
  return formatTon(fixed9(config.feePercent));
}
