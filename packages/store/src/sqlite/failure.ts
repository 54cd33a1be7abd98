/**
 * Which failure a better-sqlite3 or file-system error is (errors.ts words it). SQLite reports a
 * full disk as SQLITE_FULL but a refused permission, a read-only mount and a directory all as
 * SQLITE_CANTOPEN or SQLITE_READONLY without the errno, so for those the file system is asked.
 */
import { accessSync, constants, existsSync, statfsSync, statSync } from "node:fs";
import { dirname } from "node:path";
import { type Access, type FailureKind, StoreError, storeFailure } from "../errors.js";

const ERRNO: Readonly<Record<string, FailureKind>> = {
  ENOSPC: "full",
  EDQUOT: "full",
  EFBIG: "full",
  EROFS: "read_only_fs",
  EACCES: "permission",
  EPERM: "permission",
  EISDIR: "directory",
  ENOTDIR: "not_a_directory",
  // mkdir -p meets a file where a folder of the path should be.
  EEXIST: "not_a_directory",
  ENOENT: "not_found",
  EIO: "io",
};

/** SQLite result codes (primary part) that say enough by themselves. */
const SQLITE: Readonly<Record<string, FailureKind>> = {
  SQLITE_FULL: "full",
  SQLITE_NOTADB: "not_database",
  SQLITE_CORRUPT: "corrupt",
  SQLITE_BUSY: "busy",
  SQLITE_LOCKED: "busy",
  SQLITE_PERM: "permission",
  SQLITE_AUTH: "permission",
};

/** Codes whose cause is on the file system: ask it. */
const ASK_THE_DISK = new Set(["SQLITE_CANTOPEN", "SQLITE_READONLY", "SQLITE_IOERR"]);

/**
 * The StoreError for `error` met while accessing `path`, or `error` itself when it is not a failure
 * of the database file (a constraint, a bad value, a bug: the caller's to handle).
 */
export function translateFailure(path: string, access: Access, error: unknown): unknown {
  if (error instanceof StoreError) return error;
  const code = (error as { code?: unknown } | null)?.code;
  if (typeof code !== "string") return error;
  const message = (error as Error).message;
  const byErrno = ERRNO[code];
  if (byErrno) return failure(path, access, byErrno, error, message);
  // SQLITE_IOERR_WRITE → SQLITE_IOERR: the extended code only refines the primary one.
  const primary = code.split("_").slice(0, 2).join("_");
  const bySqlite = SQLITE[primary];
  if (bySqlite) return failure(path, access, bySqlite, error, message);
  if (ASK_THE_DISK.has(primary)) {
    return failure(
      path,
      access,
      askTheDisk(path) ?? (primary === "SQLITE_READONLY" ? "permission" : "io"),
      error,
      message,
    );
  }
  return error;
}

function failure(path: string, access: Access, kind: FailureKind, cause: unknown, detail: string): StoreError {
  const blocker = kind === "not_a_directory" ? fileInTheWay(path) : undefined;
  return storeFailure(path, kind === "full" || kind === "read_only_fs" ? "write" : access, kind, {
    detail,
    cause,
    ...(blocker !== undefined && { blocker }),
  });
}

/** Why the file (or, before it exists, its folder) cannot be opened for writing, if the file system says. */
export function askTheDisk(path: string): FailureKind | undefined {
  try {
    if (statSync(path).isDirectory()) return "directory";
  } catch {
    // Not there (yet): its folder decides.
  }
  const target = existsSync(path) ? path : dirname(path);
  try {
    accessSync(target, constants.R_OK | constants.W_OK);
  } catch (error) {
    const kind = ERRNO[(error as NodeJS.ErrnoException).code ?? ""];
    if (kind) return kind === "not_found" ? undefined : kind;
  }
  try {
    // A write refused on a disk with no block left for us.
    if (statfsSync(dirname(path)).bavail === 0) return "full";
  } catch {
    // statfs is not everywhere: nothing more to learn.
  }
  return undefined;
}

/** The first part of `path` that exists and is not a folder. */
function fileInTheWay(path: string): string | undefined {
  for (let dir = dirname(path); dir !== dirname(dir); dir = dirname(dir)) {
    try {
      if (!statSync(dir).isDirectory()) return dir;
    } catch {
      // Not there: look further up.
    }
  }
  return undefined;
}
