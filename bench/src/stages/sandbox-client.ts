import { OpenMoneyClient, type RequestEvent } from "@omrecon/client";
import type { Job, SandboxEndpoints } from "../job.js";

export function endpointsOf(job: Job): SandboxEndpoints {
  if (!job.sandbox) throw new Error(`${job.module}.${job.task} needs the sandbox`);
  return job.sandbox;
}

/** Our partner API client on the sandbox, as `pnpm sync` builds it. */
export function sandboxClient(job: Job, onRequest?: (event: RequestEvent) => void): OpenMoneyClient {
  const { apiUrl, apiKey } = endpointsOf(job);
  return new OpenMoneyClient({ apiKey, baseUrl: apiUrl, userAgent: "bench", ...(onRequest && { onRequest }) });
}

/** The world's clock: the sandbox's stands still at the world's present. */
export function worldClock(job: Job): () => Date {
  return () => new Date(job.world.nowMs);
}
