// What the load run promised and what each member saw. "Acknowledged" means the server
// answered 200/201 with a seq; every such message must then be in every member's history
// and live stream exactly once, in order.
export interface Acknowledged {
  groupId: string;
  msgId: string;
  seq: number;
  sender: string;
  /** Position in the sender's own sending order within the group. */
  senderIndex: number;
  /** Messages sent one after another share this (default: the sender); their seqs must ascend with senderIndex. */
  orderKey?: string;
}

export interface SeenMessage {
  seq: number;
  msgId: string;
  sender: string;
}

export interface Verdict {
  lost: number;
  duplicates: number;
  outOfOrder: number;
  foreign: number;
  problems: string[];
}

/**
 * Compares one member's view of one group (its history or its live stream) with what was
 * acknowledged there. `lostIds` collects the msgIds that are missing, across members.
 */
export function compareView(
  label: string,
  acknowledged: readonly Acknowledged[],
  seen: readonly SeenMessage[],
  lostIds: Set<string>,
): Verdict {
  const verdict: Verdict = { lost: 0, duplicates: 0, outOfOrder: 0, foreign: 0, problems: [] };
  const bySeq = new Map<number, SeenMessage>();
  const byMsgId = new Map<string, number>();
  let previousSeq = 0;
  for (const message of seen) {
    if (message.seq <= previousSeq) {
      verdict.outOfOrder += 1;
      if (verdict.problems.length < 5) verdict.problems.push(`${label}: seq ${message.seq} after ${previousSeq}`);
    }
    previousSeq = Math.max(previousSeq, message.seq);
    const count = (byMsgId.get(message.msgId) ?? 0) + 1;
    byMsgId.set(message.msgId, count);
    if (count > 1) {
      verdict.duplicates += 1;
      if (verdict.problems.length < 5) verdict.problems.push(`${label}: msgId ${message.msgId} seen ${count} times`);
    }
    bySeq.set(message.seq, message);
  }
  const lastIndexBySender = new Map<string, number>();
  for (const ack of [...acknowledged].sort((a, b) => a.seq - b.seq)) {
    const found = bySeq.get(ack.seq);
    if (!found || found.msgId !== ack.msgId || found.sender !== ack.sender) {
      verdict.lost += 1;
      lostIds.add(ack.msgId);
      if (verdict.problems.length < 5) verdict.problems.push(`${label}: acknowledged seq ${ack.seq} (${ack.msgId} by ${ack.sender}) missing`);
      continue;
    }
    // Ascending seq must follow each sender's own sending order.
    const key = ack.orderKey ?? ack.sender;
    const last = lastIndexBySender.get(key) ?? -1;
    if (ack.senderIndex <= last) {
      verdict.outOfOrder += 1;
      if (verdict.problems.length < 5) verdict.problems.push(`${label}: ${key}'s message #${ack.senderIndex} stored before #${last}`);
    }
    lastIndexBySender.set(key, ack.senderIndex);
  }
  const ackedIds = new Set(acknowledged.map((a) => a.msgId));
  for (const message of seen) {
    if (!ackedIds.has(message.msgId)) verdict.foreign += 1;
  }
  return verdict;
}
