// "My Groups": every group with its unread count (dimmed for a muted group, which the badge
// leaves out); picking one opens its chat. Direct messages are listed apart, under their own
// heading, each named by the other person.
import type { GroupSummaryView } from '../../common/webview-protocol';
import { button, h } from '../dom';

export class GroupsList {
  readonly element: HTMLElement;
  private readonly list: HTMLElement;
  private readonly empty: HTMLElement;
  private readonly dmList: HTMLElement;
  private readonly dmEmpty: HTMLElement;

  constructor(
    private readonly doc: Document,
    private readonly actions: { open(groupId: string): void; create(): void; message?(): void },
  ) {
    this.list = h(doc, 'ul', { className: 'group-list', attrs: { role: 'list' } });
    this.empty = h(doc, 'p', { className: 'hint', text: 'No groups yet. Create one, or ask a teammate to add you.' });
    const heading = h(doc, 'div', { className: 'groups-heading' }, h(doc, 'h2', { text: 'My Groups', attrs: { id: 'groups-title' } }), button(doc, 'New group', () => actions.create(), { secondary: true, title: 'Create a group' }));
    this.dmList = h(doc, 'ul', { className: 'group-list dm-list', attrs: { role: 'list', 'aria-labelledby': 'dms-title' } });
    this.dmEmpty = h(doc, 'p', { className: 'hint dm-empty', text: 'No direct messages yet. Message a member from a group\u2019s member list.' });
    const dmHeading = h(doc, 'div', { className: 'groups-heading dms-heading' }, h(doc, 'h2', { text: 'Direct messages', attrs: { id: 'dms-title' } }));
    if (actions.message) dmHeading.append(button(doc, 'Message…', () => actions.message?.(), { secondary: true, title: 'Message someone: pick a person or type a username' }));
    this.element = h(doc, 'nav', { className: 'groups', attrs: { 'aria-labelledby': 'groups-title' } }, heading, this.list, this.empty, dmHeading, this.dmList, this.dmEmpty);
  }

  update(groups: GroupSummaryView[], selectedId: string | undefined, enabled: boolean): void {
    this.element.hidden = !enabled;
    const rooms = groups.filter((g) => !g.dm);
    const dms = groups.filter((g) => g.dm);
    this.empty.hidden = rooms.length > 0;
    this.dmEmpty.hidden = dms.length > 0;
    this.list.replaceChildren(...rooms.map((g) => this.item(g, selectedId)));
    this.dmList.replaceChildren(...dms.map((g) => this.item(g, selectedId)));
  }

  private item(g: GroupSummaryView, selectedId: string | undefined): HTMLElement {
    const name = h(this.doc, 'span', { className: 'group-name', text: g.name });
    const item = h(this.doc, 'button', { className: g.dm ? 'group-item dm-item' : 'group-item', attrs: { type: 'button', 'data-group-id': g.id } }, name);
    // An ended DM asks for no rotation: nobody may send in it any more (its log says so).
    if (g.dm?.ended) item.append(h(this.doc, 'span', { className: 'mark mark-quiet', text: 'ended' }));
    else if (g.needsRotation) item.append(h(this.doc, 'span', { className: 'mark mark-warning', text: 'key rotation needed' }));
    if (g.verification.state === 'failed' || g.verification.state === 'disputed') item.append(h(this.doc, 'span', { className: 'mark mark-warning', text: 'not verified' }));
    const muted = g.notify === 'muted';
    if (muted) item.append(h(this.doc, 'span', { className: 'mark mark-quiet mark-muted', text: 'muted', attrs: { 'aria-label': 'muted', title: 'Muted: never notifies you, and its unread messages are not counted' } }));
    if (g.unread > 0) {
      const badge = h(this.doc, 'vscode-badge', { className: muted ? 'unread-muted' : '', text: String(g.unread), attrs: { variant: 'counter', 'aria-label': `${g.unread} unread` } });
      item.append(badge);
    }
    const what = g.dm ? `Direct message with ${g.name}${g.dm.ended ? ', ended' : ''}` : g.name;
    item.setAttribute('aria-label', `${what}${muted ? ', muted' : ''}${g.unread ? `, ${g.unread} unread` : ''}`);
    if (g.id === selectedId) item.setAttribute('aria-current', 'true');
    item.addEventListener('click', () => this.actions.open(g.id));
    return h(this.doc, 'li', {}, item);
  }
}
