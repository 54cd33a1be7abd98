/**
 * The steps a command ran, as they begin and end (nightly: sync, reconcile, report inside one
 * command), with what each read and the API requests it made: what `step_runs` and the metrics
 * record.
 */
import { randomUUID } from "node:crypto";
import { type ApiName, RequestTally, type StepCounts } from "@omrecon/ops";
import type { NewStepRun, StepRunStatus } from "@omrecon/store";

interface OpenStep {
  step: string;
  startedMs: number;
  tally: RequestTally;
}

export class StepTracker {
  readonly #now: () => Date;
  readonly #ended: NewStepRun[] = [];
  #open: OpenStep | null = null;

  constructor(now: () => Date) {
    this.#now = now;
  }

  begin(step: string): void {
    this.#open = { step, startedMs: this.#now().getTime(), tally: new RequestTally() };
  }

  /** The step in progress, if any. */
  get current(): string | null {
    return this.#open?.step ?? null;
  }

  request(api: ApiName, route: string, status: number | null): void {
    this.#open?.tally.record(api, route, status);
  }

  /** Ends the step in progress. */
  end(status: StepRunStatus, exitCode: number, error: string | null, counts: StepCounts = {}): void {
    const open = this.#open;
    if (open === null) return;
    this.#open = null;
    const endedMs = this.#now().getTime();
    this.#ended.push({
      id: randomUUID(),
      step: open.step,
      started_at: new Date(open.startedMs).toISOString(),
      finished_at: new Date(endedMs).toISOString(),
      status,
      exit_code: exitCode,
      error,
      duration_ms: Math.max(0, endedMs - open.startedMs),
      counts: { ...counts, requests: open.tally.entries() },
    });
  }

  /** Every step ended so far, in order. */
  ended(): readonly NewStepRun[] {
    return this.#ended;
  }
}
