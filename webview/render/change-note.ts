// A group's signed changes as the quiet one-line notes shown between messages: "alice added
// bob", "alice removed carol · key replaced" (a removal and the key rotation after it are one note).
import type { GroupChangeView } from '../../common/webview-protocol';
import { describeChange } from './group-change';

export interface ChangeNote {
  /** The change's seq in the log (the first, when two are folded). */
  seq: number;
  /** ISO time of the change, to place it among the messages. */
  at: string;
  type: GroupChangeView['type'];
  text: string;
}

export function changeNotes(entries: readonly GroupChangeView[]): ChangeNote[] {
  const notes: ChangeNote[] = [];
  for (let i = 0; i < entries.length; i++) {
    const c = entries[i]!;
    const next = entries[i + 1];
    if ((c.type === 'remove' || c.type === 'leave') && next?.type === 'rotate') {
      const by = next.signer === c.signer ? '' : ` by ${next.signer}`;
      notes.push({ seq: c.seq, at: c.at, type: c.type, text: `${describeChange(c)} · key replaced${by}` });
      i++;
    } else {
      notes.push({ seq: c.seq, at: c.at, type: c.type, text: c.type === 'rotate' ? `${c.signer} replaced the group key` : describeChange(c) });
    }
  }
  return notes;
}
