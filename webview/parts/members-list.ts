// The chat's member list: admin marks, how far each member's keys are trusted (compared by
// safety number, or only pinned on first use), and a warning on anyone whose keys changed.
import type { KeyTrust, MemberView, PanelAction } from '../../common/webview-protocol';
import { errorMessage } from '../../common/error-message';
import { h } from '../dom';

const TRUST_MARK: Record<Exclude<KeyTrust, 'changed'>, { text: string; className: string; title: string }> = {
  verified: { text: 'verified by safety number', className: 'mark-verified', title: 'You compared safety numbers with this member.' },
  pinned: { text: 'pinned only', className: 'mark-quiet', title: 'Keys pinned the first time this device saw them, not compared yet. Verify compares safety numbers.' },
  unknown: { text: 'keys not checked yet', className: 'mark-quiet', title: 'This device has not looked up these keys yet. Verify compares safety numbers.' },
};

/** The width (px) at and below which the list is an overlay, hidden until asked for (styles.css says the same). */
const NARROW_PX = 720;

export class MembersList {
  readonly element: HTMLElement;
  private readonly list: HTMLElement;
  private readonly count: HTMLElement;
  private readonly error: HTMLElement;

  constructor(
    private readonly doc: Document,
    private readonly run: (action: PanelAction, username: string) => void,
    private readonly setAdmin: (username: string, admin: boolean) => Promise<void>,
  ) {
    this.count = h(doc, 'span', { className: 'count' });
    this.list = h(doc, 'ul', { className: 'member-list', attrs: { role: 'list' } });
    this.error = h(doc, 'p', { className: 'form-error member-error', attrs: { role: 'alert' } });
    this.element = h(doc, 'aside', { className: 'members', attrs: { id: 'members', 'aria-labelledby': 'members-title' } }, h(doc, 'h3', { attrs: { id: 'members-title' } }, 'Members ', this.count), this.list, this.error);
    this.element.addEventListener('keydown', (e) => {
      if (e.key === 'Escape' && this.narrow()) this.element.dataset.open = 'false';
    });
  }

  /** Wide, the list shows beside the chat until hidden; narrow (720 px or less), it opens over the chat when asked. */
  get shown(): boolean {
    const open = this.element.dataset.open;
    return open === undefined ? !this.narrow() : open === 'true';
  }

  toggle(): boolean {
    this.element.dataset.open = String(!this.shown);
    return this.shown;
  }

  private narrow(): boolean {
    return (this.doc.defaultView?.innerWidth ?? 1024) <= NARROW_PX;
  }

  /**
   * `canManage`: the reader is an admin, so each other member gets a Remove button. Outside a
   * direct message (`inDm`), each other member gets "Message" to open the DM with them.
   */
  update(members: MemberView[], canManage: boolean, inDm = false): void {
    this.count.textContent = `(${members.length})`;
    const sorted = [...members].sort((a, b) => Number(b.isAdmin) - Number(a.isAdmin) || a.username.localeCompare(b.username));
    this.list.replaceChildren(...sorted.map((m) => this.item(m, canManage, inDm)));
  }

  private async changeAdmin(username: string, admin: boolean): Promise<void> {
    this.error.textContent = '';
    try {
      await this.setAdmin(username, admin);
    } catch (e) {
      // The server's own words are the clear message (409 last_admin: "A group keeps at least one admin; ...").
      this.error.textContent = errorMessage(e);
    }
  }

  private item(m: MemberView, canManage: boolean, inDm: boolean): HTMLElement {
    const li = h(this.doc, 'li', { className: 'member', attrs: { 'data-username': m.username } });
    li.append(h(this.doc, 'span', { className: 'member-name', text: m.username }));
    if (m.isMe) li.append(h(this.doc, 'span', { className: 'mark', text: 'you' }));
    if (m.isAdmin) li.append(h(this.doc, 'span', { className: 'mark mark-admin', text: 'admin' }));
    if (m.accountStatus) {
      li.append(h(this.doc, 'span', {
        className: 'mark mark-deactivated', text: m.accountStatus,
        attrs: { title: `A server admin ${m.accountStatus} this account: an admin of the group should remove ${m.username} (rotates the key).` },
      }));
    }
    if (!m.isMe && m.keyTrust !== 'changed') {
      const trust = TRUST_MARK[m.keyTrust];
      li.append(h(this.doc, 'span', { className: `mark key-trust ${trust.className}`, text: trust.text, attrs: { title: trust.title, 'data-trust': m.keyTrust } }));
    }
    if (m.keyTrust === 'changed') {
      const warn = h(this.doc, 'button', {
        className: 'key-changed',
        text: '⚠ keys changed: verify',
        attrs: { type: 'button', title: `${m.username}'s keys differ from the ones first seen. Compare safety numbers before trusting them.` },
      });
      warn.addEventListener('click', () => this.run('verifyMember', m.username));
      li.append(warn);
      li.classList.add('warning');
    }
    const actions = h(this.doc, 'span', { className: 'member-actions' });
    if (!m.isMe && !inDm) {
      const message = h(this.doc, 'button', { className: 'link-button message-member', text: 'Message', attrs: { type: 'button', 'aria-label': `Message ${m.username}` } });
      message.addEventListener('click', () => this.run('messageMember', m.username));
      actions.append(message);
    }
    if (!m.isMe && m.keyTrust !== 'changed') {
      const verify = h(this.doc, 'button', { className: 'link-button', text: 'Verify', attrs: { type: 'button', 'aria-label': `Verify ${m.username}'s safety number` } });
      verify.addEventListener('click', () => this.run('verifyMember', m.username));
      actions.append(verify);
    }
    if (canManage && !m.isMe) {
      const label = m.isAdmin ? 'Remove admin' : 'Make admin';
      const toggle = h(this.doc, 'button', { className: 'link-button admin-toggle', text: label, attrs: { type: 'button', 'aria-label': `${label}: ${m.username}` } });
      toggle.addEventListener('click', () => void this.changeAdmin(m.username, !m.isAdmin));
      actions.append(toggle);
    }
    if (canManage && !m.isMe) {
      const remove = h(this.doc, 'button', { className: 'link-button remove', text: 'Remove', attrs: { type: 'button', 'aria-label': `Remove ${m.username} from the group` } });
      remove.addEventListener('click', () => this.run('removeMember', m.username));
      actions.append(remove);
    }
    if (actions.childElementCount) li.append(actions);
    return li;
  }
}
