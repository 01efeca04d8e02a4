// Notices within a few seconds that the extension host is gone (restarted, crashed, reloading)
// and when one answers again: a ping every interval, and a ping unanswered for an interval
// means nobody is there. Judged by the age of the unanswered ping, so a timer the browser
// throttles in a hidden tab does not look like a dead host.
import { Commands, DidAnswerPing } from '../common/webview-protocol';
import type { HostConnection } from './host-connection';

export const HEARTBEAT_MS = 1500;

export class HostHeartbeat {
  private timer: ReturnType<typeof setInterval> | undefined;
  private n = 0;
  private unanswered: { n: number; at: number } | undefined;
  private lost = false;
  private readonly off: () => void;

  constructor(
    private readonly connection: HostConnection,
    private readonly on: { lost(): void; back(): void; tick?(): void },
    private readonly intervalMs = HEARTBEAT_MS,
  ) {
    this.off = connection.on(DidAnswerPing, ({ n }) => this.answered(n));
  }

  start(): void {
    this.timer ??= setInterval(() => this.beat(), this.intervalMs);
  }

  dispose(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
    this.off();
  }

  private beat(): void {
    this.on.tick?.();
    if (this.unanswered && Date.now() - this.unanswered.at >= this.intervalMs && !this.lost) {
      this.lost = true;
      this.on.lost();
    }
    // A lost host keeps its old ping as the one to answer: any answer at all means someone is back.
    if (!this.unanswered || !this.lost) this.unanswered = { n: ++this.n, at: Date.now() };
    this.connection.command(Commands.ping, { n: this.n });
  }

  private answered(n: number): void {
    // A new host answers the pings it is sent, whatever their number.
    if (this.lost || n === this.unanswered?.n) this.unanswered = undefined;
    if (!this.lost) return;
    this.lost = false;
    this.on.back();
  }
}
