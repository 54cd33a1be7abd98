/** The flags of a watched command (sync, reconcile, nightly): docs/cli.md#metrics. */
export const opsFlags = {
  "metrics-file": { type: "string" },
} as const;
