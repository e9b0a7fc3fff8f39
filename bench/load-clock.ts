/**
 * Gateway RSS after N seconds of load, measured during the scenarios themselves: the clock runs
 * only while a scenario (warm-up included) loads the gateway process, and the RSS is read at the
 * moment the loaded time crosses each checkpoint (10 s, 60 s), while that load is still running.
 * So "after 60 s of load" means 60 s of requests summed over the gateway scenarios of one
 * process (passthrough, unified at saturation and at 200 req/s, …), never idle time between them.
 */
export interface RssCheckpoint { atLoadS: number; rssMB: number; scenario: string }

const mb = (bytes: number): number => Math.round((bytes / 1024 / 1024) * 10) / 10;

export class LoadClock {
  private loadedMs = 0;
  private since: number | null = null;
  private scenario = '';
  private readonly pending: number[];
  private reading = false;
  readonly checkpoints: RssCheckpoint[] = [];
  private readonly timer: NodeJS.Timeout;

  constructor(private readonly readRss: () => Promise<number>, checkpointsS: number[]) {
    this.pending = [...checkpointsS].sort((a, b) => a - b);
    this.timer = setInterval(() => void this.tick(), 100);
    this.timer.unref();
  }

  /** Seconds of load so far. */
  loadedS(): number {
    return (this.loadedMs + (this.since === null ? 0 : performance.now() - this.since)) / 1000;
  }

  begin(scenario: string): void {
    this.scenario = scenario;
    this.since = performance.now();
  }

  end(): void {
    if (this.since !== null) this.loadedMs += performance.now() - this.since;
    this.since = null;
  }

  /** RSS at the checkpoint nearest to `s` (exact match expected). */
  at(s: number): RssCheckpoint | undefined {
    return this.checkpoints.find((c) => c.atLoadS === s);
  }

  stop(): void { clearInterval(this.timer); }

  private async tick(): Promise<void> {
    if (this.since === null || this.reading || this.pending.length === 0) return;
    if (this.loadedS() < this.pending[0]) return;
    const atLoadS = this.pending.shift()!;
    this.reading = true;
    try {
      this.checkpoints.push({ atLoadS, rssMB: mb(await this.readRss()), scenario: this.scenario });
    } finally {
      this.reading = false;
    }
  }
}
