/** The API's envelopes, as text: success `{ok, data}` and error `{ok, error_code, error_message, data}`. */
import type { SandboxErrorCode } from "../sandbox-error.js";
import { writeJson } from "./json-writer.js";

export function successBody(data: unknown): string {
  return writeJson({ ok: true, data });
}

/** `code` is any string: faults may serve codes the sandbox itself never uses. */
export function errorBody(code: SandboxErrorCode | (string & {}), message: string): string {
  return JSON.stringify({ ok: false, error_code: code, error_message: message, data: null });
}

/** What a reverse proxy serves when the service behind it is down: not JSON, not the envelope. */
export const PROXY_502_PAGE =
  "<html>\r\n<head><title>502 Bad Gateway</title></head>\r\n<body>\r\n<center><h1>502 Bad Gateway</h1></center>\r\n<hr><center>nginx</center>\r\n</body>\r\n</html>\r\n";
