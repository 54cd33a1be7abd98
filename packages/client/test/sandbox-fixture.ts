/** A sandbox partner API on an ephemeral port and clients pointed at it, closed together. */
import { type PartnerApi, type SandboxOrder, SandboxState, startPartnerApi } from "@omrecon/sandbox";
import { type ClientOptions, OpenMoneyClient } from "../src/index.js";

export const T0 = Date.parse("2026-04-16T12:00:00Z");
export const MINUTE = 60_000;

export interface Fixture {
  api: PartnerApi;
  state: SandboxState;
  key: string;
  /** The sandbox clock; assign to move time. */
  clock: { now: number };
  /** A client for this sandbox: near-zero backoff unless overridden. */
  client(options?: Partial<ClientOptions>): OpenMoneyClient;
  close(): Promise<void>;
}

export async function startFixture(start = T0): Promise<Fixture> {
  const clock = { now: start };
  const state = new SandboxState({ seed: 42, now: () => clock.now });
  const api = await startPartnerApi(state, { faultSeed: 42 });
  const clients: OpenMoneyClient[] = [];
  return {
    api,
    state,
    key: state.partner.apiKey,
    clock,
    client(options = {}) {
      const c = new OpenMoneyClient({
        apiKey: state.partner.apiKey,
        baseUrl: api.url,
        retryBaseDelayMs: 1,
        ...options,
      });
      clients.push(c);
      return c;
    },
    async close() {
      await Promise.all(clients.map((c) => c.close()));
      await api.close();
    },
  };
}

/** A completed order as a world generator would load it. */
export function worldOrder(id: number, createdAt: number, patch: Partial<SandboxOrder> = {}): SandboxOrder {
  return {
    id,
    status: "completed",
    order_type: "stars",
    stars_amount: 100,
    premium_months: null,
    recipient_username: "pandus",
    price_nano: 418_000_000n,
    payment_method: "ton_memo",
    payment_currency: "TON",
    payment_address: "UQBFJTkJ5hZdH7i6rWQTnm43zn6h2dPBV9lFZ2e98WvWABy_",
    payment_memo: `STARS-${id.toString(16).padStart(6, "0")}`,
    client_reference: null,
    tx_hash: null,
    created_at: createdAt,
    expires_at: createdAt + 15 * MINUTE,
    updated_at: createdAt,
    paid_at: createdAt,
    completed_at: createdAt,
    ...patch,
  };
}
