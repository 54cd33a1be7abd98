/**
 * `--save-samples DIR`: every answer as it came, for a bug report — the body exactly as received
 * but for the key (the client replaced it, and anything shaped like a partner key, with
 * `[REDACTED]`), one file per request, and an index of what was asked. Owner-only: answers hold
 * customers' usernames.
 */
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import type { ProbeResult, RawAnswer } from "@omrecon/client";

export interface SavedSample {
  file: string;
  request: string;
  status: number;
  content_type: string | null;
}

export function saveSamples(dir: string, probes: readonly ProbeResult[], openapi: RawAnswer | null): SavedSample[] {
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  const answers = probes.flatMap((p) => (p.answer ? [{ key: p.endpoint.key, answer: p.answer }] : []));
  if (openapi) answers.push({ key: "GET openapi", answer: openapi });
  const saved: SavedSample[] = answers.map(({ key, answer }, i) => {
    const json = answer.contentType?.includes("json") ?? false;
    const file = `${String(i + 1).padStart(2, "0")}-${slug(key)}.${json ? "json" : "txt"}`;
    writeFileSync(join(dir, file), answer.text, { mode: 0o600 });
    return {
      file,
      request: `${answer.request.method} ${answer.request.path}`,
      status: answer.status,
      content_type: answer.contentType,
    };
  });
  writeFileSync(join(dir, "index.json"), `${JSON.stringify(saved, null, 2)}\n`, { mode: 0o600 });
  return saved;
}

/** `GET /orders/{id}` → `get-orders-id`. */
function slug(key: string): string {
  return key
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-|-$/g, "");
}
