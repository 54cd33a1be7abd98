/**
 * Validation of a create-order request, shared by the API (which passes the JSON body through) and
 * direct callers. Wrong types or missing fields are 400; values out of range or refused are 422.
 */
import type { SandboxOrder } from "./model.js";
import { isPremiumMonths, type PricingConfig } from "./pricing.js";
import { checkRecipient } from "./recipients.js";
import { badRequest, unprocessable } from "./sandbox-error.js";

export interface ValidCreate {
  recipient_username: string;
  /** Stars quantity or Premium months. */
  amount: number;
  payment_method: SandboxOrder["payment_method"];
  payment_currency: string;
  client_reference: string | null;
}

const MAX_REFERENCE = 255;

export function validateCreate(kind: "stars" | "premium", body: object, pricing: PricingConfig): ValidCreate {
  const input = body as Record<string, unknown>;
  const username = input.recipient_username;
  if (typeof username !== "string" || username === "") throw badRequest("recipient_username is required");
  if (username.startsWith("@")) throw unprocessable("recipient_username must not start with @");

  const field = kind === "stars" ? "quantity" : "months";
  const amount = input[field];
  if (amount === undefined || amount === null) throw badRequest(`${field} is required`);
  if (typeof amount !== "number" || !Number.isInteger(amount)) throw badRequest(`${field} must be an integer`);
  if (kind === "stars" && (amount < pricing.minStars || amount > pricing.maxStars)) {
    throw unprocessable(`quantity must be between ${pricing.minStars} and ${pricing.maxStars}`);
  }
  if (kind === "premium" && !isPremiumMonths(amount)) throw unprocessable("months must be 3, 6 or 12");

  const method = input.payment_method ?? "ton_memo";
  if (typeof method !== "string") throw badRequest("payment_method must be a string");
  if (method !== "ton_memo" && method !== "balance") throw unprocessable("payment_method must be ton_memo or balance");

  const currency = input.payment_currency ?? "TON";
  if (typeof currency !== "string") throw badRequest("payment_currency must be a string");
  if (currency !== "TON") throw unprocessable("payment_currency must be TON");

  const reference = input.client_reference ?? null;
  if (reference !== null && typeof reference !== "string") throw badRequest("client_reference must be a string");
  if (reference !== null && reference.length > MAX_REFERENCE) {
    throw unprocessable(`client_reference must be at most ${MAX_REFERENCE} characters`);
  }

  const verdict = checkRecipient(kind, username);
  if (!verdict.can_receive) {
    throw unprocessable(`${username} cannot receive ${kind === "stars" ? "Stars" : "Premium"}: ${verdict.reason}`);
  }
  return {
    recipient_username: username,
    amount,
    payment_method: method,
    payment_currency: currency,
    client_reference: reference,
  };
}
