// The subset of @xmpp/client 0.14 (an ES module without its own types) that the peer bench uses.
declare module '@xmpp/client' {
  import type { EventEmitter } from 'node:events';

  export interface XmlElement {
    name: string;
    attrs: Record<string, string | undefined>;
    getChild(name: string, xmlns?: string): XmlElement | undefined;
    getChildren(name: string, xmlns?: string): XmlElement[];
    getChildText(name: string, xmlns?: string): string | null;
  }

  export function xml(name: string, attrs?: Record<string, string> | null, ...children: (XmlElement | string)[]): XmlElement;

  export interface XmppClient extends EventEmitter {
    start(): Promise<unknown>;
    stop(): Promise<void>;
    send(...elements: XmlElement[]): Promise<void>;
    reconnect: { stop(): void };
  }

  export type Authenticate = (credentials: { username: string; password: string }, mechanism: string) => Promise<void>;

  export function client(options: {
    service: string;
    domain: string;
    resource?: string;
    credentials: (authenticate: Authenticate, mechanisms: string[]) => Promise<void>;
  }): XmppClient;
}
