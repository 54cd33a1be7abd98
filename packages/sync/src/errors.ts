import { OmreconError } from "@omrecon/core";
import type { LockRow } from "@omrecon/store";

/** Another sync holds the database's sync lock: this pass did not start and wrote nothing. */
export class SyncLockedError extends OmreconError {
  override name = "SyncLockedError";
  constructor(readonly holder: LockRow) {
    super(
      `another sync is running (${describeOwner(holder.owner)}, since ${holder.acquired_at}); ` +
        "nothing was written, try again when it has finished",
      { code: "busy" },
    );
  }
}

/** Our lock expired and someone else took it: the pass stopped before writing another page. */
export class LockLostError extends OmreconError {
  override name = "LockLostError";
  constructor(owner: string) {
    super(`the sync lock of ${describeOwner(owner)} was taken over by another process; stopped before writing more`, {
      code: "lock_lost",
    });
  }
}

export function describeOwner(owner: string): string {
  const [host, pid] = owner.split(":");
  return host && pid ? `pid ${pid} on ${host}` : owner;
}
