// The group's history: every change of its signed log (who added, removed, promoted whom, and
// when), with how far it verified on top. Shown in place of the messages until closed.
import type { GroupDetailView, GroupHistoryView, GroupVerificationView, RequestHandlers } from '../../common/webview-protocol';
import { errorMessage } from '../../common/error-message';
import { button, h } from '../dom';
import { describeChange } from '../render/group-change';
import { formatTime } from '../render/message';

export type HistoryActions = Pick<RequestHandlers, 'groupHistory'>;

export class GroupHistoryPanel {
  readonly element: HTMLElement;
  private readonly title: HTMLElement;
  private readonly state: HTMLElement;
  private readonly list: HTMLElement;
  private readonly error: HTMLElement;
  private groupId: string | undefined;
  /** The verification state and head the shown list was loaded at. */
  private loadedAt: string | undefined;
  /** Each load counts up, so an answer for a group no longer shown is dropped. */
  private loads = 0;

  constructor(private readonly doc: Document, private readonly actions: HistoryActions, close: () => void) {
    this.title = h(doc, 'h2', { className: 'history-title', attrs: { id: 'group-history-title', tabindex: '-1' } });
    this.state = h(doc, 'p', { className: 'history-state' });
    this.list = h(doc, 'ol', { className: 'change-list', attrs: { 'aria-labelledby': 'group-history-title' } });
    this.error = h(doc, 'p', { className: 'form-error', attrs: { role: 'alert' } });
    const heading = h(doc, 'div', { className: 'history-heading' }, this.title, button(doc, 'Back to chat', close, { secondary: true }));
    this.element = h(doc, 'section', { className: 'group-history', attrs: { 'aria-labelledby': 'group-history-title' } }, heading, this.state, this.error, this.list);
    this.element.hidden = true;
    this.element.addEventListener('keydown', (e) => {
      if ((e as KeyboardEvent).key === 'Escape') close();
    });
  }

  get openFor(): string | undefined {
    return this.element.hidden ? undefined : this.groupId;
  }

  async open(groupId: string, groupName: string, verification: GroupVerificationView): Promise<void> {
    this.groupId = groupId;
    this.element.hidden = false;
    this.title.textContent = `History of ${groupName}`;
    this.title.focus();
    await this.reload(verification);
  }

  /** A new change of the log (someone added, removed, promoted) shows in an open history at once. */
  async groupChanged(g: GroupDetailView): Promise<void> {
    if (this.openFor === g.id && this.loadedAt !== stamp(g.verification)) await this.reload(g.verification);
  }

  close(): void {
    this.element.hidden = true;
    this.loads++;
  }

  private async reload(verification: GroupVerificationView): Promise<void> {
    const groupId = this.groupId;
    if (!groupId || this.element.hidden) return;
    const load = ++this.loads;
    this.loadedAt = stamp(verification);
    this.error.textContent = '';
    this.state.textContent = 'Loading the signed history…';
    this.state.className = 'history-state hint';
    try {
      const history = await this.actions.groupHistory({ groupId });
      if (load === this.loads) this.render(history);
    } catch (e) {
      if (load !== this.loads) return;
      this.state.textContent = '';
      this.error.textContent = errorMessage(e);
    }
  }

  private render(history: GroupHistoryView): void {
    this.showState(history.verification, history.entries.length);
    this.list.replaceChildren(
      ...[...history.entries].reverse().map((c) => {
        const time = h(this.doc, 'time', { text: formatTime(c.at), attrs: { datetime: c.at, title: new Date(c.at).toLocaleString() } });
        return h(this.doc, 'li', { className: `change change-${c.type}`, attrs: { 'data-seq': String(c.seq) } }, time, h(this.doc, 'span', { className: 'change-text', text: describeChange(c) }));
      }),
    );
  }

  private showState(v: GroupVerificationView, count: number): void {
    const changes = `${count} change${count === 1 ? '' : 's'}`;
    const text: Record<GroupVerificationView['state'], string> = {
      verified: `✓ Every change below is signed by its author and verified on this device (${changes}, newest first).`,
      disputed: `⚠ The changes below verify, but the server shows the group differently. ${v.problem ?? ''}`,
      failed: `⚠ The group's signed history did not verify. ${v.problem ?? ''} Only the changes verified before are shown.`,
      unverifiable: 'This group was made before signed group logs, so it has no verified history yet. An admin can start its signed log.',
    };
    this.state.textContent = text[v.state].trim();
    this.state.className = `history-state history-${v.state}`;
  }
}

function stamp(v: GroupVerificationView): string {
  return `${v.state}:${v.headSeq ?? ''}`;
}
