import type { Server } from "node:http";
import type { AddressInfo } from "node:net";

export interface Listening {
  host: string;
  port: number;
  /** Stops listening and drops the open connections (keep-alive included), so a test ends at once. */
  close(): Promise<void>;
}

/** Starts a simulated server on `host` (default 127.0.0.1) and `port` (default: any free one). */
export async function listen(server: Server, options: { host?: string; port?: number }): Promise<Listening> {
  const host = options.host ?? "127.0.0.1";
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port ?? 0, host, () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  return {
    host,
    port,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
