/** The flags of a watched command (sync, reconcile, nightly): docs/alerts.md#metrics. */
export const opsFlags = {
  "metrics-file": { type: "string" },
} as const;
