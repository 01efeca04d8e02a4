// A msgId that carries the moment it was first sent, so that any process that receives the
// message can time its delivery without asking the sender. msgIds are 32 lowercase hex
// digits: an 8-digit run tag, the send time in microseconds since the epoch (14 digits) and
// a 10-digit counter. The clock is the wall clock every process on this machine shares.

export function nowMicros(): number {
  return Math.round((performance.timeOrigin + performance.now()) * 1000);
}

export function clockedMsgId(tag: string, counter: number, sentAtMicros = nowMicros()): string {
  return tag + sentAtMicros.toString(16).padStart(14, '0') + counter.toString(16).padStart(10, '0');
}

/** Milliseconds since the msgId was made, or undefined for a msgId of another kind. */
export function msSinceSent(msgId: string, tag: string): number | undefined {
  if (msgId.length !== 32 || !msgId.startsWith(tag)) return undefined;
  const sentAt = Number.parseInt(msgId.slice(8, 22), 16);
  return Number.isFinite(sentAt) ? (nowMicros() - sentAt) / 1000 : undefined;
}
