// The top of a chat: the group's name with its verification mark and topic line, the group's actions, and the
// banners that stop the reader before the messages (verification failed, key rotation needed).
// It fits from 320 px up: the member list is behind a toggle and the less frequent actions are
// in a "More actions" menu; narrow, a back button returns to the list of groups.
import type { GroupDetailView, PanelAction } from '../../common/webview-protocol';
import { button, h } from '../dom';
import { verificationMark, VerificationNotice } from './group-verification';
import { OverflowMenu, type MenuItem } from './overflow-menu';

export interface HeaderActions {
  run(action: PanelAction, groupId: string): void;
  startLog(groupId: string): Promise<void>;
  showHistory(): void;
  /** Shows or hides the member list; answers whether it is showing now. */
  toggleMembers(): boolean;
  membersShown(): boolean;
  /** Narrow: back to the list of groups. */
  back(): void;
}

export class ChatHeader {
  /** Title and toolbar. */
  readonly element: HTMLElement;
  /** Shown above the messages. */
  readonly banners: HTMLElement;
  private readonly title: HTMLElement;
  /** The topic, one line (an ellipsis past the width; all of it in the tooltip). */
  private readonly topic: HTMLElement;
  private readonly mark: HTMLElement;
  private readonly toolbar: HTMLElement;
  private readonly membersToggle: HTMLButtonElement;
  private readonly more: OverflowMenu;
  private readonly rotation: HTMLElement;
  private readonly verification: VerificationNotice;

  constructor(private readonly doc: Document, private readonly actions: HeaderActions) {
    this.title = h(doc, 'h2', { className: 'chat-title', attrs: { id: 'chat-title' } });
    this.mark = h(doc, 'span', { className: 'chat-verification' });
    this.topic = h(doc, 'p', { className: 'chat-topic' });
    this.membersToggle = h(doc, 'button', { className: 'icon-button members-toggle', attrs: { type: 'button', 'aria-controls': 'members', 'aria-expanded': 'true' } });
    this.membersToggle.addEventListener('click', () => this.membersToggle.setAttribute('aria-expanded', String(actions.toggleMembers())));
    this.more = new OverflowMenu(doc, 'More group actions');
    const history = h(doc, 'button', { className: 'icon-button history-button', text: 'History', attrs: { type: 'button', title: 'Who added, removed and promoted whom, and when, from the signed history' } });
    history.addEventListener('click', () => actions.showHistory());
    this.toolbar = h(doc, 'div', { className: 'chat-toolbar', attrs: { role: 'toolbar', 'aria-label': 'Group actions' } }, this.membersToggle, history, this.more.element);
    const back = h(doc, 'button', { className: 'icon-button back-to-groups', text: '‹', attrs: { type: 'button', 'aria-label': 'Back to groups' } }, h(doc, 'span', { className: 'back-label', text: ' Groups' }));
    back.addEventListener('click', () => actions.back());
    const heading = h(doc, 'div', { className: 'chat-heading' }, h(doc, 'div', { className: 'chat-title-line' }, this.title, this.mark), this.topic);
    this.element = h(doc, 'div', { className: 'chat-header' }, back, heading, this.toolbar);
    this.rotation = h(doc, 'div', { className: 'banner rotation-banner', attrs: { role: 'alert' } });
    this.verification = new VerificationNotice(doc, { startLog: (id) => actions.startLog(id), showHistory: () => actions.showHistory() });
    this.banners = h(doc, 'div', { className: 'chat-banners' }, this.verification.banner, this.verification.note, this.rotation);
  }

  update(g: GroupDetailView): void {
    this.title.textContent = g.name;
    this.topic.textContent = this.topic.title = g.dm ? directMessageLine(g) : g.topic;
    this.topic.hidden = !this.topic.textContent;
    this.element.classList.toggle('dm-header', g.dm !== undefined);
    this.mark.replaceChildren(verificationMark(this.doc, g.verification));
    const run = (action: PanelAction) => () => this.actions.run(action, g.id);
    this.membersToggle.textContent = `Members ${g.members.length}`;
    this.membersToggle.setAttribute('aria-expanded', String(this.actions.membersShown()));
    this.membersToggle.setAttribute('aria-label', `Members (${g.members.length}): show or hide the list`);
    const items: (MenuItem | false)[] = g.dm ? [
      { label: 'History', run: () => this.actions.showHistory(), narrowOnly: true },
      { label: 'Notifications…', run: run('notifications'), title: 'Choose which messages of this conversation notify you: all, mentions only, or none' },
      !g.dm.ended && { label: 'Rotate key', run: run('rotateGroupKey'), title: 'Make a new key and seal it for both of you' },
      { label: 'Leave conversation…', run: run('leaveGroup'), danger: true },
    ] : [
      { label: 'History', run: () => this.actions.showHistory(), narrowOnly: true },
      g.isAdmin && { label: 'Add member…', run: run('addMember') },
      g.isAdmin && { label: 'Rename group…', run: run('renameGroup') },
      g.isAdmin && { label: 'Set topic…', run: run('setTopic') },
      { label: 'Notifications…', run: run('notifications'), title: 'Choose which messages of this group notify you: all, mentions only, or none' },
      { label: 'Rotate key', run: run('rotateGroupKey'), title: 'Make a new group key and seal it for every member' },
      { label: 'Leave group…', run: run('leaveGroup'), danger: true },
      g.isAdmin && { label: 'Delete group…', run: run('deleteGroup'), danger: true },
    ];
    this.more.setItems(items.filter((i): i is MenuItem => i !== false));
    this.verification.update(g);
    this.rotation.replaceChildren();
    this.rotation.hidden = !g.needsRotation;
    if (g.dm?.ended) {
      this.rotation.append(h(this.doc, 'span', { text: `This conversation has ended: one of you left it. You can still read it; message ${g.dm.with} again to start a new one.` }));
    } else if (g.needsRotation) {
      this.rotation.append(
        h(this.doc, 'span', { text: 'A member left. Rotate the group key before anyone can send again.' }),
        button(this.doc, 'Rotate now', run('rotateGroupKey')),
      );
    }
  }
}

/** Under a DM's name: what it is, and how far the other person's keys are trusted on this device. */
function directMessageLine(g: GroupDetailView): string {
  const other = g.members.find((m) => !m.isMe);
  const trust = !other ? 'they left' : other.keyTrust === 'verified' ? 'keys verified by safety number'
    : other.keyTrust === 'changed' ? 'keys changed: verify before you trust them' : 'keys pinned, not verified yet';
  return `Direct message · ${trust}`;
}
