/** The eight order endpoints. */
import { notFound } from "../sandbox-error.js";
import type { CreatePremiumInput, CreateStarsInput, OrderResult } from "../state.js";
import { paging, text, window } from "./query.js";
import type { Reply, RouteContext, RouteDef } from "./route.js";

function orderId(ctx: RouteContext): number {
  const raw = ctx.params.id ?? "";
  if (!/^\d{1,15}$/.test(raw)) throw notFound(`order ${raw} not found`);
  return Number(raw);
}

function created(ctx: RouteContext, result: OrderResult): Reply {
  return {
    status: result.replayed ? 200 : 201,
    data: ctx.shape.order(result.order),
    headers: result.replayed ? { "Idempotent-Replayed": "true" } : {},
    created: !result.replayed,
  };
}

function replied(ctx: RouteContext, result: OrderResult): Reply {
  return {
    status: 200,
    data: ctx.shape.order(result.order),
    headers: result.replayed ? { "Idempotent-Replayed": "true" } : {},
  };
}

export const orderRoutes: RouteDef[] = [
  {
    method: "POST",
    pattern: "/orders/stars",
    handle: (ctx) =>
      created(ctx, ctx.state.createStarsOrder(ctx.body as CreateStarsInput, { idempotencyKey: ctx.idempotencyKey })),
  },
  {
    method: "POST",
    pattern: "/orders/premium",
    handle: (ctx) =>
      created(
        ctx,
        ctx.state.createPremiumOrder(ctx.body as CreatePremiumInput, { idempotencyKey: ctx.idempotencyKey }),
      ),
  },
  {
    method: "GET",
    pattern: "/orders/stats/summary",
    // Served only by shapes that have stats (server.ts leaves the route out otherwise).
    handle: (ctx) => ({ status: 200, data: ctx.shape.stats?.(ctx.state.stats(window(ctx.query))) }),
  },
  {
    method: "GET",
    pattern: "/orders/by-memo/{memo}",
    handle: (ctx) => {
      const order = ctx.state.getOrderByMemo(ctx.params.memo ?? "");
      if (!order) throw notFound(`no order with payment_memo ${ctx.params.memo}`);
      return { status: 200, data: ctx.shape.order(order) };
    },
  },
  {
    method: "GET",
    pattern: "/orders/by-reference/{ref}",
    handle: (ctx) => ({
      status: 200,
      // Newest first, like the lists.
      data: ctx.state
        .ordersByReference(ctx.params.ref ?? "")
        .reverse()
        .map((o) => ctx.shape.order(o)),
    }),
  },
  {
    method: "GET",
    pattern: "/orders/{id}",
    handle: (ctx) => {
      const id = orderId(ctx);
      const order = ctx.state.getOrder(id);
      if (!order) throw notFound(`order ${id} not found`);
      return { status: 200, data: ctx.shape.order(order) };
    },
  },
  {
    method: "POST",
    pattern: "/orders/{id}/cancel",
    handle: (ctx) => replied(ctx, ctx.state.cancelOrder(orderId(ctx), { idempotencyKey: ctx.idempotencyKey })),
  },
  {
    method: "GET",
    pattern: "/orders",
    handle: (ctx) => {
      const { limit, offset } = paging(ctx.query);
      const status = text(ctx.query, "status");
      const orderType = text(ctx.query, "order_type");
      const filter = {
        ...window(ctx.query),
        ...(status !== undefined && { status }),
        ...(orderType !== undefined && { order_type: orderType }),
      };
      const page = ctx.state.listOrders(filter, limit, offset);
      const items = page.items.map((o) => ctx.shape.order(o));
      return { status: 200, data: ctx.shape.list(items, page.total, limit, offset) };
    },
  },
];
