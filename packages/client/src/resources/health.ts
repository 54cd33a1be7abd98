/** `client.health`: the service's health probe. */
import type { Send } from "../call.js";
import { healthShape } from "../schemas.js";
import type { Health, RequestOptions } from "../types.js";

export class HealthResource {
  readonly #send: Send;

  constructor(send: Send) {
    this.#send = send;
  }

  /** `GET /health`. Also a cheap way to check the key: a refused key throws AuthenticationError. */
  check(options?: RequestOptions): Promise<Health> {
    return this.#send({ method: "GET", path: "/health", shape: healthShape, fixed: true }, options);
  }
}
