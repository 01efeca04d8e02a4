// The group's joins, leaves, removals and key rotations as quiet one-line notes in the
// timeline, each placed before the first message sent after it. Reloaded when the group's
// verified log grows; a group without a signed log has none.
import type { ChatMessageView, GroupDetailView } from '../../common/webview-protocol';
import { h } from '../dom';
import { changeNotes, type ChangeNote } from '../render/change-note';
import { formatTime } from '../render/message';
import type { HistorySource } from './changes-cache';

export interface NotesHost {
  readonly log: HTMLElement;
  messages(): readonly ChatMessageView[];
  element(msgId: string): HTMLElement | undefined;
}

export class ChangeNotes {
  private notes: { note: ChangeNote; el: HTMLElement }[] = [];
  /** The group and log state the notes were loaded at. */
  private loadedAt: string | undefined;
  /** Each load counts up, so an answer for an older state is dropped. */
  private loads = 0;

  constructor(private readonly doc: Document, private readonly source: HistorySource, private readonly host: NotesHost) {}

  async groupChanged(g: GroupDetailView): Promise<void> {
    const stamp = `${g.id}|${g.verification.state}:${g.verification.headSeq ?? ''}`;
    if (stamp === this.loadedAt) return;
    if (!this.loadedAt?.startsWith(`${g.id}|`)) this.set([]);
    this.loadedAt = stamp;
    const load = ++this.loads;
    if (g.verification.state === 'unverifiable') return this.set([]);
    try {
      const history = await this.source.groupHistory({ groupId: g.id });
      if (load === this.loads) this.set(changeNotes(history.entries));
    } catch {
      // The notes are a quiet extra: the history view says why the log could not be read.
      if (load === this.loads) this.loadedAt = undefined;
    }
  }

  /** Puts every note before the first message sent after it (after the last message if none was). */
  place(): void {
    const messages = this.host.messages();
    for (const { note, el } of this.notes) {
      const at = Date.parse(note.at);
      const next = messages.find((m) => Date.parse(m.sentAt) > at);
      const before = next && this.host.element(next.msgId);
      if (before) this.host.log.insertBefore(el, before);
      else this.host.log.append(el);
    }
  }

  private set(notes: ChangeNote[]): void {
    for (const { el } of this.notes) el.remove();
    this.notes = notes.map((note) => ({ note, el: this.render(note) }));
    this.place();
  }

  private render(note: ChangeNote): HTMLElement {
    const time = h(this.doc, 'time', { text: formatTime(note.at), attrs: { datetime: note.at, title: new Date(note.at).toLocaleString() } });
    return h(this.doc, 'p', { className: `timeline-note note-${note.type}`, attrs: { 'data-change-seq': String(note.seq) } }, h(this.doc, 'span', { className: 'note-text', text: note.text }), time);
  }
}
