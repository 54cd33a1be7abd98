/**
 * Runs `openStore` (and, once open, one write) in a child process, for failures this process
 * cannot meet as itself: another user's permissions, a read-only mount, a full disk (the last two
 * in a private mount namespace, where an unprivileged user may mount a tmpfs).
 */
import { spawnSync } from "node:child_process";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const packageDir = join(dirname(fileURLToPath(import.meta.url)), "..");

const SCRIPT = `
import { openStore, upsertOrders } from "@omrecon/store";
const path = process.argv.at(-1);
try {
  const store = await openStore(path);
  const row = { id: 1, status: "paid", order_type: "stars", recipient_username: "u", price_nano: 1n, created_at: "2026-04-16T00:00:00.000Z", extra: "{}", synced_at: "2026-04-16T00:00:00.000Z" };
  await upsertOrders(store.db, Array.from({ length: 2000 }, (_, i) => ({ ...row, id: i + 1, extra: "x".repeat(500) })));
  await store.close();
  console.log("ok");
} catch (error) {
  console.log(error.name + ": " + error.message);
}
`;

export interface ChildOptions {
  /** Run as this user (needs root). */
  uid?: number;
  /** Shell commands run first in a private user+mount namespace (unshare -rm); `$DIR` is the database's folder. */
  namespaceSetup?: string;
}

/** The child's one line: "ok", or the error's name and message. */
export function openInChild(path: string, options: ChildOptions = {}): string {
  const node = [
    process.execPath,
    "--import",
    "tsx",
    "--conditions=@omrecon/source",
    "--input-type=module",
    "-e",
    SCRIPT,
    path,
  ];
  const command = options.namespaceSetup
    ? ["unshare", "-rm", "sh", "-c", `${options.namespaceSetup} && exec "$@"`, "sh", ...node]
    : node;
  const result = spawnSync(command[0]!, command.slice(1), {
    cwd: packageDir,
    encoding: "utf8",
    env: { ...process.env, DIR: dirname(path) },
    ...(options.uid !== undefined && { uid: options.uid, gid: options.uid }),
  });
  if (result.status !== 0) throw new Error(`child failed (${result.status}): ${result.stderr}`);
  return result.stdout.trim();
}

/** Whether this machine lets an unprivileged process mount a tmpfs in a namespace of its own. */
export function namespacesWork(dir: string): boolean {
  return spawnSync("unshare", ["-rm", "sh", "-c", 'mount -t tmpfs -o size=64k tmpfs "$0"', dir]).status === 0;
}
