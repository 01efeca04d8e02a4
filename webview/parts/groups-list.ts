// "My Groups": every group with its unread count (dimmed for a muted group, which the badge
// leaves out); picking one opens its chat.
import type { GroupSummaryView } from '../../common/webview-protocol';
import { button, h } from '../dom';

export class GroupsList {
  readonly element: HTMLElement;
  private readonly list: HTMLElement;
  private readonly empty: HTMLElement;

  constructor(
    private readonly doc: Document,
    private readonly actions: { open(groupId: string): void; create(): void },
  ) {
    this.list = h(doc, 'ul', { className: 'group-list', attrs: { role: 'list' } });
    this.empty = h(doc, 'p', { className: 'hint', text: 'No groups yet. Create one, or ask a teammate to add you.' });
    const heading = h(doc, 'div', { className: 'groups-heading' }, h(doc, 'h2', { text: 'My Groups', attrs: { id: 'groups-title' } }), button(doc, 'New group', () => actions.create(), { secondary: true, title: 'Create a group' }));
    this.element = h(doc, 'nav', { className: 'groups', attrs: { 'aria-labelledby': 'groups-title' } }, heading, this.list, this.empty);
  }

  update(groups: GroupSummaryView[], selectedId: string | undefined, enabled: boolean): void {
    this.element.hidden = !enabled;
    this.empty.hidden = groups.length > 0;
    this.list.replaceChildren(
      ...groups.map((g) => {
        const name = h(this.doc, 'span', { className: 'group-name', text: g.name });
        const item = h(this.doc, 'button', { className: 'group-item', attrs: { type: 'button', 'data-group-id': g.id } }, name);
        if (g.needsRotation) item.append(h(this.doc, 'span', { className: 'mark mark-warning', text: 'key rotation needed' }));
        if (g.verification.state === 'failed' || g.verification.state === 'disputed') item.append(h(this.doc, 'span', { className: 'mark mark-warning', text: 'not verified' }));
        const muted = g.notify === 'muted';
        if (muted) item.append(h(this.doc, 'span', { className: 'mark mark-quiet mark-muted', text: 'muted', attrs: { 'aria-label': 'muted', title: 'Muted: never notifies you, and its unread messages are not counted' } }));
        if (g.unread > 0) {
          const badge = h(this.doc, 'vscode-badge', { className: muted ? 'unread-muted' : '', text: String(g.unread), attrs: { variant: 'counter', 'aria-label': `${g.unread} unread` } });
          item.append(badge);
        }
        item.setAttribute('aria-label', `${g.name}${muted ? ', muted' : ''}${g.unread ? `, ${g.unread} unread` : ''}`);
        if (g.id === selectedId) item.setAttribute('aria-current', 'true');
        item.addEventListener('click', () => this.actions.open(g.id));
        return h(this.doc, 'li', {}, item);
      }),
    );
  }
}
