// The panel's top line: who is signed in where, the connection state, and the way in when not.
import type { PanelAction, SessionView } from '../../common/webview-protocol';
import { button, h } from '../dom';

const STATE_TEXT: Record<SessionView['state'], string> = {
  'signed-out': 'Signed out',
  locked: 'Locked',
  connecting: 'Connecting…',
  online: 'Online',
  offline: 'Offline: reconnecting',
};

export class SessionBar {
  readonly element: HTMLElement;
  private readonly status: HTMLElement;
  private readonly who: HTMLElement;
  private readonly actions: HTMLElement;
  private session: SessionView = { state: 'signed-out' };
  private hostLost = false;

  constructor(private readonly doc: Document, private readonly run: (action: PanelAction) => void) {
    this.status = h(doc, 'span', { className: 'connection', attrs: { role: 'status' } });
    this.who = h(doc, 'span', { className: 'who' });
    this.actions = h(doc, 'span', { className: 'session-actions' });
    this.element = h(doc, 'header', { className: 'session-bar' }, h(doc, 'span', { className: 'brand', text: 'TeamChat' }), this.who, this.status, this.actions);
  }

  /** The extension host stopped answering: nothing the session says holds until one answers again. */
  setHostLost(lost: boolean): void {
    this.hostLost = lost;
    this.update(this.session);
  }

  update(session: SessionView): void {
    this.session = session;
    this.status.textContent = this.hostLost ? 'Reconnecting to VS Code…' : STATE_TEXT[session.state];
    this.status.dataset.state = this.hostLost ? 'host-lost' : session.state;
    this.who.textContent = session.username ? `@${session.username}${session.serverUrl ? ` · ${hostOf(session.serverUrl)}` : ''}` : '';
    this.actions.replaceChildren();
    if (session.state === 'signed-out') {
      this.actions.append(
        button(this.doc, 'Sign In', () => this.run('signIn')),
        button(this.doc, 'Sign Up', () => this.run('signUp'), { secondary: true }),
        button(this.doc, 'Change server…', () => this.run('changeServer'), { secondary: true, title: 'Use another TeamChat server' }),
      );
    } else if (session.state === 'locked') {
      this.actions.append(button(this.doc, 'Unlock', () => this.run('unlock')));
    }
  }
}

function hostOf(url: string): string {
  try {
    return new URL(url).host;
  } catch {
    return url;
  }
}
