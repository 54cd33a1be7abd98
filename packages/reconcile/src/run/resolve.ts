/** `reconcile resolve KEY --note "…"`: an operator marks an open finding resolved (who, when, why). */
import { type ResolveResult, resolveFinding, type Store } from "@omrecon/store";

export interface ResolveOptions {
  key: string;
  note: string;
  /** Who resolves it (default: the OS user). */
  by: string;
  now?: () => Date;
}

export async function resolve(store: Store, options: ResolveOptions): Promise<ResolveResult> {
  const note = options.note.trim();
  if (note === "") throw new RangeError("a resolution needs a note saying why");
  const at = (options.now ?? (() => new Date()))().toISOString();
  return resolveFinding(store.db, { key: options.key.trim(), by: options.by, note, at });
}
