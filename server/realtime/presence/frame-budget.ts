// How many typing and presence frames a socket may send: a bucket of BURST frames that
// refills at PER_SECOND. Frames past it are dropped without an answer; the socket stays.

const BURST = 20;
const PER_SECOND = 2;

export class FrameBudget {
  private tokens = BURST;
  private at: number;

  constructor(private readonly now: () => number = Date.now) {
    this.at = now();
  }

  take(): boolean {
    const now = this.now();
    this.tokens = Math.min(BURST, this.tokens + ((now - this.at) / 1000) * PER_SECOND);
    this.at = now;
    if (this.tokens < 1) return false;
    this.tokens -= 1;
    return true;
  }
}
