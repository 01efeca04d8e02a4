// The whole chat panel mounted in a fresh DOM, talking to a fake host: what a panel test
// drives. `close()` after each test.
import { DidChangeGroups, DidChangeSession, Requests, type ChatMessageView, type GroupDetailView, type IpcNotification, type ParamsOf } from '../../../common/webview-protocol';
import { ChatApp } from '../../../webview/app';
import { newDom, settle } from './dom';
import { FakeTransport } from './fake-transport';
import { group, message } from './views';

export interface MountedApp {
  dom: ReturnType<typeof newDom>;
  t: FakeTransport;
  root: HTMLElement;
  app: ChatApp;
  /** The first element in the panel that matches. */
  $(selector: string): HTMLElement | null;
  /** Delivers a declared notification from the host to the panel, its params checked. */
  notify<Notification extends IpcNotification<unknown>>(type: Notification, params: ParamsOf<Notification>): void;
  /** Online as alice, with `g` listed: clicks it as a person does and answers the panel's request for its page. */
  openChat(g?: GroupDetailView, messages?: ChatMessageView[]): Promise<void>;
  close(): Promise<void>;
}

/**
 * `beforeMount` runs in the fresh window before the panel is built (e.g. to define elements);
 * `state` is what VS Code gives back to a reloaded panel.
 */
export function mountChatApp(opts: { beforeMount?: (window: MountedApp['dom']['window']) => void; state?: unknown } = {}): MountedApp {
  const dom = newDom();
  opts.beforeMount?.(dom.window);
  const t = new FakeTransport();
  if (opts.state !== undefined) t.setState(opts.state);
  const root = dom.document.createElement('div');
  dom.document.body.append(root);
  // Host requests time out after 10 s: long enough that a loaded machine never trips it.
  const app = new ChatApp(dom.document, root, t, 10_000);
  app.start();
  return {
    dom, t, root, app,
    $: (selector) => root.querySelector(selector) as HTMLElement | null,
    notify: (type, params) => t.deliver({ method: type.method, params }),
    openChat: async (g = group(), messages = [message(1)]) => {
      t.deliver({ method: DidChangeSession.method, params: { session: { state: 'online', username: 'alice' } } });
      t.deliver({ method: DidChangeGroups.method, params: { groups: [g] } });
      (root.querySelector(`.group-item[data-group-id="${g.id}"]`) as HTMLButtonElement).click();
      t.reply(Requests.openGroup, { group: g, messages, hasMore: false });
      await settle();
    },
    close: async () => {
      app.dispose();
      await dom.close();
    },
  };
}
