/** Balance, pricing, recipients and health: the nine endpoints beside the orders. */
import { formatIsoUtc } from "@omrecon/core";
import { feePercentText, isPremiumMonths, PREMIUM_MONTHS, pricePremium, priceStars, tonUsdText } from "../pricing.js";
import { checkRecipient, type GiftKind } from "../recipients.js";
import { badRequest, unprocessable } from "../sandbox-error.js";
import { RawNumber } from "./json-writer.js";
import { paging, requiredText, text, window } from "./query.js";
import type { RouteContext, RouteDef } from "./route.js";

function integerParam(ctx: RouteContext, name: string): number {
  const raw = requiredText(ctx.query, name);
  if (!/^-?\d+$/.test(raw)) throw badRequest(`${name} must be an integer`);
  return Number(raw);
}

function recipientRoute(kind: GiftKind): RouteDef {
  return {
    method: "GET",
    pattern: `/recipients/${kind}`,
    handle: (ctx) => {
      const username = requiredText(ctx.query, "username").replace(/^@/, "");
      return { status: 200, data: { username, ...checkRecipient(kind, username) } };
    },
  };
}

export const accountRoutes: RouteDef[] = [
  { method: "GET", pattern: "/balance", handle: (ctx) => ({ status: 200, data: ctx.shape.balance(ctx.state) }) },
  {
    method: "GET",
    pattern: "/balance/transactions",
    handle: (ctx) => {
      const { limit, offset } = paging(ctx.query);
      const type = text(ctx.query, "type");
      const page = ctx.state.listBalanceTransactions(
        { ...window(ctx.query), ...(type !== undefined && { type }) },
        limit,
        offset,
      );
      const items = page.items.map((t) => ctx.shape.balanceTx(t));
      return { status: 200, data: ctx.shape.list(items, page.total, limit, offset) };
    },
  },
  {
    method: "GET",
    pattern: "/pricing/ton-rate",
    handle: (ctx) => ({
      status: 200,
      data: { ton_usd: new RawNumber(tonUsdText(ctx.state.pricing)), updated_at: formatIsoUtc(ctx.state.now()) },
    }),
  },
  {
    method: "GET",
    pattern: "/pricing/fee",
    handle: (ctx) => ({
      status: 200,
      data: {
        service_fee_percent: new RawNumber(feePercentText(ctx.state.pricing)),
        min_stars: ctx.state.pricing.minStars,
        max_stars: ctx.state.pricing.maxStars,
        premium_months: [...PREMIUM_MONTHS],
      },
    }),
  },
  {
    method: "GET",
    pattern: "/pricing/estimate/stars",
    handle: (ctx) => {
      const quantity = integerParam(ctx, "quantity");
      const { minStars, maxStars } = ctx.state.pricing;
      if (quantity < minStars || quantity > maxStars) {
        throw unprocessable(`quantity must be between ${minStars} and ${maxStars}`);
      }
      return { status: 200, data: { quantity, price_ton: priceStars(quantity, ctx.state.pricing) } };
    },
  },
  {
    method: "GET",
    pattern: "/pricing/estimate/premium",
    handle: (ctx) => {
      const months = integerParam(ctx, "months");
      if (!isPremiumMonths(months)) throw unprocessable("months must be 3, 6 or 12");
      return { status: 200, data: { months, price_ton: pricePremium(months, ctx.state.pricing) } };
    },
  },
  recipientRoute("stars"),
  recipientRoute("premium"),
  { method: "GET", pattern: "/health", handle: () => ({ status: 200, data: { status: "ok" } }) },
];
