import type { Clock } from '../../client/presence/clock';

/** A clock the test moves by hand: timers run when `advance` passes their time, in order. */
export class FakeClock implements Clock {
  private at = 1_000_000;
  private timers: { due: number; run: () => void; id: number }[] = [];
  private nextId = 0;

  now(): number {
    return this.at;
  }

  after(ms: number, run: () => void): () => void {
    const id = this.nextId++;
    this.timers.push({ due: this.at + ms, run, id });
    return () => {
      this.timers = this.timers.filter((t) => t.id !== id);
    };
  }

  advance(ms: number): void {
    const until = this.at + ms;
    for (;;) {
      const next = this.timers.filter((t) => t.due <= until).sort((a, b) => a.due - b.due || a.id - b.id)[0];
      if (!next) break;
      this.timers = this.timers.filter((t) => t !== next);
      this.at = next.due;
      next.run();
    }
    this.at = until;
  }
}
