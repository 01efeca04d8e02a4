// What the panel gives back after VS Code reloads it (the WebviewPanelSerializer brings the
// page back with this state): the open group, the unsent text of each group's send box (a
// draft waits in its group while you read another, as in Slack), and where the
// history was scrolled; the outbox (send-queue.ts) of messages not sent yet; and the emoji used
// last (recent-emoji.ts). It reads the chat part by its stable ids (#send-box, .history), so it
// stays apart from how the composer is built.
import { fieldValue, setFieldValue } from './dom';
import type { SavedOutgoing } from './parts/send-queue';
import type { Transport } from './transport';

export interface SavedPanel {
  selectedGroupId?: string;
  /** The open group's send box text, for the group it was typed in. */
  draft?: { groupId: string; text: string };
  /** Every group's unsent text, the open one's included (at most MAX_DRAFTS, newest last). */
  drafts?: { groupId: string; text: string }[];
  /** The history's scrollTop, for the open group; absent when it was at the newest message. */
  scrollTop?: number;
  /** The messages queued and not yet confirmed, in order, with their msgIds. */
  outbox?: SavedOutgoing[];
  /** The emoji used last, newest first. */
  recentEmoji?: string[];
}

/** Drafts kept for groups not open; the oldest goes first. */
const MAX_DRAFTS = 50;

export class PanelMemory {
  constructor(private readonly transport: Transport, private readonly chat: HTMLElement) {}

  read(): SavedPanel {
    const state = this.transport.getState();
    return typeof state === 'object' && state !== null ? (state as SavedPanel) : {};
  }

  /** Takes in the open group and what the chat shows of it now. */
  remember(groupId: string | undefined): void {
    const { outbox, recentEmoji, drafts } = this.read();
    const saved: SavedPanel = { ...(outbox?.length ? { outbox } : {}), ...(recentEmoji?.length ? { recentEmoji } : {}) };
    let kept = (Array.isArray(drafts) ? drafts : []).filter((d) => typeof d?.groupId === 'string' && typeof d.text === 'string' && d.groupId !== groupId);
    if (groupId) {
      saved.selectedGroupId = groupId;
      const text = this.sendBox() ? fieldValue(this.sendBox()!) : '';
      if (text) {
        saved.draft = { groupId, text };
        kept = [...kept, { groupId, text }].slice(-MAX_DRAFTS);
      }
      const history = this.history();
      if (history && history.scrollHeight - history.scrollTop - history.clientHeight > 40) saved.scrollTop = history.scrollTop;
    }
    if (kept.length) saved.drafts = kept;
    this.transport.setState(saved);
  }

  /** The unsent text kept for this group, if any (it was typed there, then another group was opened). */
  draftOf(groupId: string): string | undefined {
    const { drafts } = this.read();
    const text = (Array.isArray(drafts) ? drafts : []).find((d) => d?.groupId === groupId)?.text;
    return typeof text === 'string' ? text : undefined;
  }

  /** Puts the group's kept draft into an empty send box. */
  restoreDraft(groupId: string): void {
    const box = this.sendBox();
    const text = this.draftOf(groupId);
    if (box && text && !fieldValue(box)) setFieldValue(box, text);
  }

  /** Saves the outbox now, leaving the rest of what is saved as it is. */
  keepOutbox(outbox: SavedOutgoing[]): void {
    const saved = { ...this.read() };
    delete saved.outbox;
    this.transport.setState(outbox.length ? { ...saved, outbox } : saved);
  }

  /** Saves the recent emoji now, leaving the rest of what is saved as it is. */
  keepRecentEmoji(recentEmoji: readonly string[]): void {
    this.transport.setState({ ...this.read(), recentEmoji: [...recentEmoji] });
  }

  /** Puts back the draft and the scroll position saved for this group, once its chat is shown. */
  restore(groupId: string, saved: SavedPanel): void {
    const box = this.sendBox();
    const text = saved.draft?.groupId === groupId ? saved.draft.text : this.draftOf(groupId);
    if (box && typeof text === 'string' && text && !fieldValue(box)) setFieldValue(box, text);
    const history = this.history();
    if (history && saved.selectedGroupId === groupId && saved.scrollTop !== undefined) history.scrollTop = saved.scrollTop;
  }

  /** While VS Code is gone nothing can be sent: the box keeps its text but takes no more. */
  setInputEnabled(enabled: boolean): void {
    this.sendBox()?.toggleAttribute('disabled', !enabled);
  }

  private sendBox(): HTMLElement | null {
    return this.chat.querySelector<HTMLElement>('#send-box');
  }

  private history(): HTMLElement | null {
    return this.chat.querySelector<HTMLElement>('.history');
  }
}
