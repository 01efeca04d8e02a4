// The top of a chat: the group's name with its verification mark, the group's actions, and the
// banners that stop the reader before the messages (verification failed, key rotation needed).
import type { GroupDetailView, PanelAction } from '../../common/webview-protocol';
import { button, h } from '../dom';
import { verificationMark, VerificationNotice } from './group-verification';

export interface HeaderActions {
  run(action: PanelAction, groupId: string): void;
  startLog(groupId: string): Promise<void>;
  showHistory(): void;
}

export class ChatHeader {
  /** Title and toolbar. */
  readonly element: HTMLElement;
  /** Shown above the messages. */
  readonly banners: HTMLElement;
  private readonly title: HTMLElement;
  private readonly mark: HTMLElement;
  private readonly toolbar: HTMLElement;
  private readonly rotation: HTMLElement;
  private readonly verification: VerificationNotice;

  constructor(private readonly doc: Document, private readonly actions: HeaderActions) {
    this.title = h(doc, 'h2', { className: 'chat-title', attrs: { id: 'chat-title' } });
    this.mark = h(doc, 'span', { className: 'chat-verification' });
    this.toolbar = h(doc, 'div', { className: 'chat-toolbar', attrs: { role: 'toolbar', 'aria-label': 'Group actions' } });
    this.element = h(doc, 'div', { className: 'chat-header' }, this.title, this.mark, this.toolbar);
    this.rotation = h(doc, 'div', { className: 'banner rotation-banner', attrs: { role: 'alert' } });
    this.verification = new VerificationNotice(doc, { startLog: (id) => actions.startLog(id), showHistory: () => actions.showHistory() });
    this.banners = h(doc, 'div', { className: 'chat-banners' }, this.verification.banner, this.verification.note, this.rotation);
  }

  update(g: GroupDetailView): void {
    this.title.textContent = g.name;
    this.mark.replaceChildren(verificationMark(this.doc, g.verification));
    const run = (action: PanelAction) => () => this.actions.run(action, g.id);
    this.toolbar.replaceChildren(
      button(this.doc, 'History', () => this.actions.showHistory(), { secondary: true, title: 'Who added, removed and promoted whom, and when, from the signed history' }),
      ...(g.isAdmin ? [button(this.doc, 'Add member', run('addMember'), { secondary: true })] : []),
      button(this.doc, 'Rotate key', run('rotateGroupKey'), { secondary: true, title: 'Make a new group key and seal it for every member' }),
      button(this.doc, 'Notifications', run('notifications'), { secondary: true, title: 'Choose which messages of this group notify you: all, mentions only, or none' }),
      button(this.doc, 'Leave', run('leaveGroup'), { secondary: true }),
      ...(g.isAdmin ? [button(this.doc, 'Delete', run('deleteGroup'), { secondary: true })] : []),
    );
    this.verification.update(g);
    this.rotation.replaceChildren();
    this.rotation.hidden = !g.needsRotation;
    if (g.needsRotation) {
      this.rotation.append(
        h(this.doc, 'span', { text: 'A member left. Rotate the group key before anyone can send again.' }),
        button(this.doc, 'Rotate now', run('rotateGroupKey')),
      );
    }
  }
}
