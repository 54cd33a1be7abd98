import { OmreconError } from "@omrecon/core";
import { describeOwner, type LockRow } from "@omrecon/store";

export { LockLostError } from "@omrecon/store";

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
