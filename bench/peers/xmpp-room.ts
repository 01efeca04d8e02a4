import type { XmlElement, XmppClient } from '@xmpp/client';
import { inLanes } from '../support/api';
import type { Contender } from '../support/http-load';
import type { EjabberdServer } from './ejabberd-server';

const MUC_NS = 'http://jabber.org/protocol/muc';
const MUC_USER_NS = 'http://jabber.org/protocol/muc#user';

/** Resolves with the time (performance.now) the awaited number of copies had arrived. */
interface Awaited {
  left: number;
  resolve: (lastAt: number) => void;
}

/**
 * One room occupant: an @xmpp/client connection signed in with SASL and bound to a resource,
 * joined to the room. It parses every stanza as a real client does and counts the room's
 * groupchat messages by their id.
 */
export class RoomOccupant {
  private readonly waiting = new Map<string, Awaited>();

  constructor(readonly xmpp: XmppClient, readonly roomJid: string, readonly nick: string, private readonly swarm: RoomSwarm | null) {
    xmpp.on('stanza', (stanza: XmlElement) => {
      if (stanza.name !== 'message' || stanza.attrs.type !== 'groupchat') return;
      const id = stanza.attrs.id;
      if (!id) return;
      this.swarm?.received(id);
      const own = this.waiting.get(id);
      if (own) {
        this.waiting.delete(id);
        own.resolve(performance.now());
      }
    });
  }

  /** Posts `body` to the room; resolves when the room's echo of it comes back to this occupant. */
  post(id: string, body: string): Promise<number> {
    const echoed = new Promise<number>((resolve) => this.waiting.set(id, { left: 1, resolve }));
    void this.xmpp.send(xmlOf('message', { to: this.roomJid, type: 'groupchat', id }, xmlOf('body', null, body)))
      .catch(() => this.waiting.delete(id));
    return echoed;
  }

  forget(id: string): void {
    this.waiting.delete(id);
  }
}

/** Occupants who only listen: resolves when all of them have a message. */
export class RoomSwarm {
  readonly occupants: RoomOccupant[] = [];
  private readonly waiting = new Map<string, Awaited>();

  get size(): number {
    return this.occupants.length;
  }

  expect(id: string): Promise<number> {
    return new Promise((resolve) => this.waiting.set(id, { left: this.occupants.length, resolve }));
  }

  received(id: string): void {
    const awaited = this.waiting.get(id);
    if (!awaited) return;
    awaited.left -= 1;
    if (awaited.left === 0) {
      this.waiting.delete(id);
      awaited.resolve(performance.now());
    }
  }
}

let xmlOf: typeof import('@xmpp/client').xml;
let clientOf: typeof import('@xmpp/client').client | undefined;

async function loadXmpp(): Promise<typeof import('@xmpp/client').client> {
  if (clientOf) return clientOf;
  // An ES module: imported at run time, so the bench runs where ejabberd is absent without it too.
  const mod = await import('@xmpp/client');
  xmlOf = mod.xml;
  clientOf = mod.client;
  return mod.client;
}

function withTimeout<T>(promise: Promise<T>, ms: number, message: string): Promise<T> {
  let timer: NodeJS.Timeout;
  return Promise.race([
    promise.finally(() => clearTimeout(timer)),
    new Promise<T>((_, reject) => {
      timer = setTimeout(() => reject(new Error(message)), ms);
    }),
  ]);
}

/** Signs `username` in and joins the room as `nick`, asking for no history. */
async function joinRoom(server: EjabberdServer, room: string, username: string, swarm: RoomSwarm | null): Promise<RoomOccupant> {
  const xmpp = (await loadXmpp())({
    service: `xmpp://127.0.0.1:${server.port}`, domain: server.host, resource: 'bench',
    // PLAIN on loopback, as TeamChat's bench users skip the client's Argon2id: signing in is not
    // what this measures (@xmpp/client would pick SCRAM-SHA-1 on a connection without TLS).
    credentials: (authenticate) => authenticate({ username, password: server.password }, 'PLAIN'),
  });
  xmpp.on('error', () => undefined);
  await withTimeout(xmpp.start(), 30_000, `${username} could not sign in to ejabberd within 30 s.`);
  xmpp.reconnect.stop();
  const roomJid = `${room}@${server.mucHost}`;
  const occupant = new RoomOccupant(xmpp, roomJid, username, swarm);
  const joined = new Promise<void>((resolve, reject) => {
    const onStanza = (stanza: XmlElement) => {
      if (stanza.name !== 'presence' || stanza.attrs.from !== `${roomJid}/${username}`) return;
      if (stanza.attrs.type === 'error') {
        xmpp.off('stanza', onStanza);
        const error = stanza.getChild('error');
        reject(new Error(`Joining ${roomJid} as ${username} failed: ${error?.attrs.type ?? ''} ${error?.getChildText('text', 'urn:ietf:params:xml:ns:xmpp-stanzas') ?? ''}`));
        return;
      }
      const statuses = stanza.getChild('x', MUC_USER_NS)?.getChildren('status') ?? [];
      if (statuses.some((s) => s.attrs.code === '110')) {
        xmpp.off('stanza', onStanza);
        resolve();
      }
    };
    xmpp.on('stanza', onStanza);
  });
  await xmpp.send(xmlOf('presence', { to: `${roomJid}/${username}` }, xmlOf('x', { xmlns: MUC_NS }, xmlOf('history', { maxstanzas: '0' }))));
  await withTimeout(joined, 30_000, `${username} did not get into ${roomJid} within 30 s.`);
  return occupant;
}

export async function joinOccupants(server: EjabberdServer, room: string, usernames: readonly string[], swarm: RoomSwarm | null): Promise<RoomOccupant[]> {
  // The first one in creates the room; the rest join it.
  const first = await joinRoom(server, room, usernames[0]!, swarm);
  const rest = await inLanes(usernames.slice(1), 8, (name) => joinRoom(server, room, name, swarm));
  const all = [first, ...rest];
  if (swarm) swarm.occupants.push(...all);
  return all;
}

export async function leaveAll(occupants: readonly RoomOccupant[]): Promise<void> {
  await Promise.all(occupants.map((o) => o.xmpp.stop().catch(() => undefined)));
}

/** The closed-loop send: lane i is occupant i, posting and waiting for the room's echo of its own message. */
export function xmppSendContender(name: string, senders: readonly RoomOccupant[], runTag: string, body: string): Contender {
  return {
    name,
    async task(lane, n) {
      const sender = senders[lane % senders.length]!;
      const id = `${runTag}-${lane}-${n}`;
      await withTimeout(sender.post(id, body), 10_000, `No echo of ${id} within 10 s.`).catch((error: unknown) => {
        sender.forget(id);
        throw error;
      });
    },
  };
}

export { withTimeout };
