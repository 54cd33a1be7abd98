/** `client.recipients`: can a Telegram username receive Stars or Premium. */
import type { Send } from "../call.js";
import { recipientCheckShape } from "../schemas.js";
import type { RecipientCheck, RequestOptions } from "../types.js";

export class RecipientsResource {
  readonly #send: Send;

  constructor(send: Send) {
    this.#send = send;
  }

  /** `GET /recipients/stars?username=` (without the @). */
  checkStars(username: string, options?: RequestOptions): Promise<RecipientCheck> {
    const query = { username: username.replace(/^@/, "") };
    return this.#send({ method: "GET", path: "/recipients/stars", query, shape: recipientCheckShape }, options);
  }

  /** `GET /recipients/premium?username=` (without the @). */
  checkPremium(username: string, options?: RequestOptions): Promise<RecipientCheck> {
    const query = { username: username.replace(/^@/, "") };
    return this.#send({ method: "GET", path: "/recipients/premium", query, shape: recipientCheckShape }, options);
  }
}
