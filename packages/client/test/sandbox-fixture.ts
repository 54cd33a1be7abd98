/** A sandbox partner API on an ephemeral port and clients pointed at it, closed together. */
import { type PartnerApi, SandboxState, startPartnerApi } from "@omrecon/sandbox";
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
