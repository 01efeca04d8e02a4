import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import websocket from '@fastify/websocket';
import type { WebSocket } from 'ws';
import { AUTH_FRAME_TIMEOUT_SECONDS, CLOSE_ACCOUNT_DEACTIVATED, CLOSE_UNAUTHORIZED, type ServerFrame } from '../../common/api';
import type { AccountChange, EndedSignIns } from '../auth/ended-sign-ins';
import { verifyAccessToken, type AccessClaims } from '../auth/tokens';
import { ApiHttpError } from '../http/errors';
import { LocalEventBus, PostgresEventBus, EVENTS_CHANNEL, type EventBus } from '../realtime/event-bus';
import { deliverAccountChanges } from '../realtime/account-events';
import { SocketHub } from '../realtime/hub';
import { PresenceHub, type ReadReceipt } from '../realtime/presence/presence-hub';

declare module 'fastify' {
  interface FastifyInstance {
    events: EventBus;
    /** A read position moved (after its commit): tells `to`, the members who share theirs (docs/presence.md). */
    sendReadReceipt: (read: ReadReceipt) => void;
    /** Signed-in event sockets on this process (for the metrics). */
    openEventSockets: () => number;
  }
}

const PING_EVERY_MS = 20_000;
const MAX_CLIENT_FRAME_BYTES = 16 * 1024;

function send(socket: WebSocket, frame: ServerFrame): void {
  if (socket.readyState === socket.OPEN) socket.send(JSON.stringify(frame));
}

/** How a socket of an ended sign-in is closed: 4403 tells the client not to come back, 4401 to refresh (and find the sign-in over). */
function closeFor(ended: EndedSignIns, claims: Pick<AccessClaims, 'username' | 'signIn'>): { code: number; reason: string } | undefined {
  const refusal = ended.refusal(claims);
  if (refusal === 'account_deactivated') return { code: CLOSE_ACCOUNT_DEACTIVATED, reason: 'account deactivated' };
  if (refusal === 'session_ended') return { code: CLOSE_UNAUTHORIZED, reason: 'sign-in ended' };
  return undefined;
}

function serveSocket(app: FastifyInstance, hub: SocketHub, presence: PresenceHub, socket: WebSocket): void {
  let username: string | undefined;
  let alive = true;
  // A socket lives no longer than the token it signed in with: at expiry it is closed with
  // 4401, and the client refreshes its token, reconnects and catches up.
  let expiryTimer: NodeJS.Timeout | undefined;
  const authTimer = setTimeout(() => socket.close(CLOSE_UNAUTHORIZED, 'no auth frame'), AUTH_FRAME_TIMEOUT_SECONDS * 1000);
  // A peer that stops answering pings is dropped, so its slot does not linger.
  const pinger = setInterval(() => {
    if (!alive) return socket.terminate();
    alive = false;
    socket.ping();
  }, PING_EVERY_MS);
  socket.on('pong', () => { alive = true; });
  // An oversized or broken frame; without a listener it would take the process down.
  socket.on('error', (error) => {
    app.log.debug({ err: error }, 'event socket error');
    socket.terminate();
  });
  socket.on('close', () => {
    clearTimeout(authTimer);
    clearTimeout(expiryTimer);
    clearInterval(pinger);
    if (username) {
      hub.remove(username, socket);
      presence.remove(username, socket);
    }
  });
  socket.on('message', (data, isBinary) => {
    alive = true;
    let frame: { type?: unknown; token?: unknown } = {};
    try {
      const parsed: unknown = isBinary ? null : JSON.parse(data.toString());
      if (typeof parsed === 'object' && parsed !== null) frame = parsed;
    } catch {
      // Not JSON: treated as an unknown frame below.
    }
    if (!username) {
      if (frame.type !== 'auth' || typeof frame.token !== 'string') return socket.close(CLOSE_UNAUTHORIZED, 'auth frame expected');
      let claims: AccessClaims;
      try {
        claims = verifyAccessToken(app.serverKeys, frame.token);
      } catch (error) {
        const reason = error instanceof ApiHttpError && error.code === 'token_expired' ? 'token expired' : 'invalid token';
        return socket.close(CLOSE_UNAUTHORIZED, reason);
      }
      const ended = closeFor(app.endedSignIns, claims);
      if (ended) return socket.close(ended.code, ended.reason);
      username = claims.username;
      clearTimeout(authTimer);
      expiryTimer = setTimeout(() => socket.close(CLOSE_UNAUTHORIZED, 'token expired'), Math.max(0, claims.expiresAtMs - Date.now()));
      hub.add(username, socket, claims.signIn);
      send(socket, { type: 'ready', username });
      return presence.add(username, socket);
    }
    if (frame.type === 'ping') send(socket, { type: 'pong' });
    else presence.receive(username, socket, frame);
  });
}

export default fp(async (app) => {
  await app.register(websocket, { options: { maxPayload: MAX_CLIENT_FRAME_BYTES } });
  const hub = new SocketHub(app.orm, app.log, !app.databaseUrl);
  // Every reload (this process's own changes, other processes' notices) closes the sockets it
  // now refuses, and tells this process's sockets of the accounts whose status changed.
  const afterReload = (changes: AccountChange[]) => {
    hub.closeWhere((claims) => closeFor(app.endedSignIns, claims));
    if (changes.length === 0) return;
    deliverAccountChanges(hub, app.orm.em.fork().getKnex(), changes)
      .catch((error: unknown) => app.log.error({ err: error }, 'could not tell members of an account status change'));
  };
  app.signInsReloaded.add(afterReload);
  const reloadAccounts = () => void app.endedSignIns.reload()
    .catch((error: unknown) => app.log.error({ err: error }, 'could not reload ended sign-ins; the ones known stay refused'));
  const bus: EventBus = app.databaseUrl
    ? await PostgresEventBus.start(app.databaseUrl, hub,
      (payloads) => app.orm.em.fork().getKnex().raw(
        `SELECT ${payloads.map(() => 'pg_notify(?, ?)').join(', ')}`, payloads.flatMap((payload) => [EVENTS_CHANNEL, payload])),
      app.log, reloadAccounts)
    : new LocalEventBus(hub);
  app.decorate('events', bus);
  const presence = new PresenceHub(() => app.orm.em.fork().getKnex(), app.log);
  hub.groupChanged = (groupId) => presence.groupChanged(groupId);
  bus.hearEphemeral((origin, notice) => presence.hear(origin, notice));
  if (app.databaseUrl) presence.attach(bus);
  app.decorate('sendReadReceipt', (read: ReadReceipt) => presence.sendRead(read));
  app.decorate('openEventSockets', () => hub.openSockets());
  app.addHook('preClose', async () => {
    hub.closeAll(1001, 'server shutting down');
  });
  // Their tokens are refused from now on: the clients refresh, reconnect and catch up.
  app.secretRotated.add(() => hub.closeAll(CLOSE_UNAUTHORIZED, 'token expired'));
  app.addHook('onClose', async () => {
    app.signInsReloaded.delete(afterReload);
    presence.close();
    await bus.close();
  });

  // The token never goes in the URL (it would land in logs); it comes in the first frame.
  app.route({
    method: 'GET',
    url: '/api/events',
    schema: { hide: true },
    handler: async (_request, reply) => reply.status(426).header('upgrade', 'websocket')
      .send({ error: 'upgrade_required', message: 'This is a WebSocket endpoint; connect with a WebSocket client.' }),
    wsHandler: (socket) => serveSocket(app, hub, presence, socket),
  });
}, { name: 'realtime', dependencies: ['db', 'auth'] });
