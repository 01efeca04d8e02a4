// The typing frames this client sends: at most one per group every TYPING_RESEND_MS while
// the user types, and a stop when they send, clear the box, or pause long enough that the
// others' line would soon go anyway.

import { TYPING_RESEND_MS } from '../../common/api';
import { realClock, type Clock } from './clock';

/** A pause this long ends the typing (before the others' TYPING_EXPIRES_MS would). */
export const TYPING_IDLE_MS = TYPING_RESEND_MS + 1_000;

export class TypingThrottle {
  private readonly typing = new Map<string, { sentAt: number; cancelIdle: () => void }>();

  constructor(private readonly send: (groupId: string, typing: boolean) => void, private readonly clock: Clock = realClock) {}

  typed(groupId: string): void {
    const now = this.clock.now();
    const current = this.typing.get(groupId);
    current?.cancelIdle();
    const resend = !current || now - current.sentAt >= TYPING_RESEND_MS;
    const sentAt = resend ? now : current.sentAt;
    this.typing.set(groupId, { sentAt, cancelIdle: this.clock.after(TYPING_IDLE_MS, () => this.stop(groupId)) });
    if (resend) this.send(groupId, true);
  }

  /** Sent, cleared or gone idle: a stop, if a start went out. */
  stop(groupId: string): void {
    const current = this.typing.get(groupId);
    if (!current) return;
    current.cancelIdle();
    this.typing.delete(groupId);
    this.send(groupId, false);
  }

  stopAll(): void {
    for (const groupId of [...this.typing.keys()]) this.stop(groupId);
  }
}
