/**
 * A child process that opens a store (`process.argv[2]`, a path or URL) and does one job, printing
 * one JSON line per step, for what only two real processes can show: two opens of a new database at
 * once, two holders of one lock, a holder that dies.
 *
 *   open            open (migrating), print {"opened":true}, close
 *   hold-lock NAME  take the lock, print {"held":owner} or {"busy":owner}, then wait for stdin to close
 */
import { openStore, takeLock } from "../src/index.js";

const [location, job, name] = process.argv.slice(2);
const say = (value: unknown) => process.stdout.write(`${JSON.stringify(value)}\n`);

try {
  const store = await openStore(location!);
  if (job === "open") {
    say({ opened: true });
  } else if (job === "hold-lock") {
    const attempt = await takeLock(store.db, { name: name!, heartbeat: true, ttlMs: 60_000 });
    if ("held" in attempt) {
      say({ held: attempt.held.owner });
      await new Promise<void>((resolve) => {
        process.stdin.on("data", () => {});
        process.stdin.on("end", resolve);
      });
      await attempt.held.release();
    } else say({ busy: attempt.busy.owner });
  }
  await store.close();
} catch (error) {
  say({ error: `${(error as Error).name}: ${(error as Error).message}` });
}
