// Whether the group's members and key are checked against its signed log: a small mark in the
// header, a banner when the check failed or the server disagrees, and for a group made before
// the log a quieter note (admins may start its log from there).
import type { GroupDetailView, GroupVerificationView } from '../../common/webview-protocol';
import { errorMessage } from '../../common/error-message';
import { button, h } from '../dom';

export interface VerificationActions {
  startLog(groupId: string): Promise<void>;
  showHistory(): void;
}

const MARK: Record<GroupVerificationView['state'], { text: string; className: string; title: string }> = {
  verified: { text: '✓ verified', className: 'mark-verified', title: "Members, admins and the group key come from the group's signed history, checked on this device." },
  disputed: { text: '⚠ not verified', className: 'mark-warning', title: "The server's view of this group differs from its signed history." },
  failed: { text: '⚠ not verified', className: 'mark-warning', title: "This group's signed history did not verify on this device." },
  unverifiable: { text: 'not verifiable', className: 'mark-quiet', title: "This group was made before signed group logs: its member list is the server's word." },
};

export function verificationMark(doc: Document, v: GroupVerificationView): HTMLElement {
  const m = MARK[v.state];
  return h(doc, 'span', { className: `mark verification-mark ${m.className}`, text: m.text, attrs: { title: m.title, 'data-state': v.state } });
}

/** What the banner says when the client core gave no problem text of its own. */
const FALLBACK: Record<'disputed' | 'failed', { title: string; todo: string }> = {
  failed: {
    title: "This group's signed history did not verify.",
    todo: 'Nothing new is sealed to this group. Tell an admin, and compare the group history with another member before trusting its member list.',
  },
  disputed: {
    title: "The server's view of this group differs from its signed history.",
    todo: 'Nothing new is sealed to this group until they agree. Tell an admin and whoever runs your TeamChat server.',
  },
};

export class VerificationNotice {
  /** The alert for disputed or failed groups. */
  readonly banner: HTMLElement;
  /** The note for groups without a signed log. */
  readonly note: HTMLElement;
  private starting = false;

  constructor(private readonly doc: Document, private readonly actions: VerificationActions) {
    this.banner = h(doc, 'div', { className: 'banner banner-error verification-banner', attrs: { role: 'alert' } });
    this.note = h(doc, 'div', { className: 'banner banner-quiet unverifiable-note', attrs: { role: 'note' } });
    this.banner.hidden = true;
    this.note.hidden = true;
  }

  update(g: GroupDetailView): void {
    const v = g.verification;
    this.banner.hidden = v.state !== 'disputed' && v.state !== 'failed';
    this.note.hidden = v.state !== 'unverifiable';
    if (v.state === 'disputed' || v.state === 'failed') this.showProblem(v.state, v.problem);
    else this.banner.replaceChildren();
    if (v.state === 'unverifiable') this.showUnverifiable(g);
    else this.note.replaceChildren();
  }

  private showProblem(state: 'disputed' | 'failed', problem: string | undefined): void {
    const fallback = FALLBACK[state];
    const text = h(this.doc, 'div', { className: 'banner-text' }, h(this.doc, 'strong', { text: fallback.title }), h(this.doc, 'p', { className: 'banner-problem', text: problem ?? fallback.todo }));
    this.banner.replaceChildren(text, button(this.doc, 'Show history', () => this.actions.showHistory(), { secondary: true }));
  }

  private showUnverifiable(g: GroupDetailView): void {
    const text = h(this.doc, 'div', { className: 'banner-text' }, h(this.doc, 'p', { text: "This group was made before signed group logs, so its member list is the server's word and cannot be verified." }));
    if (!g.isAdmin) {
      text.append(h(this.doc, 'p', { className: 'hint', text: 'An admin of the group can start its signed log.' }));
      this.note.replaceChildren(text);
      return;
    }
    text.append(h(this.doc, 'p', { className: 'hint', text: 'Starting it signs the members as they are now; from then on every change is verified. It cannot prove who was a member before.' }));
    const error = h(this.doc, 'p', { className: 'form-error', attrs: { role: 'alert' } });
    text.append(error);
    const start = button(this.doc, 'Start signed log', () => void this.start(g.id, start, error));
    this.note.replaceChildren(text, start);
  }

  private async start(groupId: string, start: HTMLElement, error: HTMLElement): Promise<void> {
    if (this.starting) return;
    this.starting = true;
    start.setAttribute('disabled', '');
    error.textContent = '';
    try {
      await this.actions.startLog(groupId);
    } catch (e) {
      // A click handler nobody awaits: the refusal is shown beside the button.
      error.textContent = errorMessage(e);
    } finally {
      this.starting = false;
      start.removeAttribute('disabled');
    }
  }
}
