/** The sandbox partner's account: a fresh secret key and deterministic TON addresses per seed. */
import { createHash, randomBytes } from "node:crypto";
import { Address } from "@ton/core";
import type { SandboxPartner } from "./model.js";

/** A user-friendly non-bounceable (`UQ…`) address derived from a label, the same on every run. */
export function derivedAddress(label: string): string {
  const hash = createHash("sha256").update(`omrecon-sandbox:${label}`).digest();
  return new Address(0, hash).toString({ urlSafe: true, bounceable: false });
}

export function newApiKey(): string {
  return `osk_sandbox_${randomBytes(16).toString("hex")}`;
}

export function defaultPartner(seed: number, given: Partial<SandboxPartner> = {}): SandboxPartner {
  return {
    apiKey: given.apiKey ?? newApiKey(),
    topupAddress: given.topupAddress ?? derivedAddress(`topup:${seed}`),
    paymentAddresses: given.paymentAddresses ?? [
      derivedAddress(`payment:${seed}:0`),
      derivedAddress(`payment:${seed}:1`),
    ],
  };
}
