import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import websocket from '@fastify/websocket';
import type { WebSocket } from 'ws';
import { AUTH_FRAME_TIMEOUT_SECONDS, CLOSE_UNAUTHORIZED, type ServerFrame } from '../../common/api';
import { verifyAccessTokenClaims } from '../auth/tokens';
import { ApiHttpError } from '../http/errors';
import { LocalEventBus, PostgresEventBus, EVENTS_CHANNEL, type EventBus } from '../realtime/event-bus';
import { SocketHub } from '../realtime/hub';

declare module 'fastify' {
  interface FastifyInstance {
    events: EventBus;
    /** Signed-in event sockets on this process (for the metrics). */
    openEventSockets: () => number;
  }
}

const PING_EVERY_MS = 20_000;
const MAX_CLIENT_FRAME_BYTES = 16 * 1024;

function send(socket: WebSocket, frame: ServerFrame): void {
  if (socket.readyState === socket.OPEN) socket.send(JSON.stringify(frame));
}

function serveSocket(app: FastifyInstance, hub: SocketHub, socket: WebSocket): void {
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
    if (username) hub.remove(username, socket);
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
      let expiresAtMs: number;
      try {
        ({ username, expiresAtMs } = verifyAccessTokenClaims(app.serverKeys, frame.token));
      } catch (error) {
        const reason = error instanceof ApiHttpError && error.code === 'token_expired' ? 'token expired' : 'invalid token';
        return socket.close(CLOSE_UNAUTHORIZED, reason);
      }
      clearTimeout(authTimer);
      expiryTimer = setTimeout(() => socket.close(CLOSE_UNAUTHORIZED, 'token expired'), Math.max(0, expiresAtMs - Date.now()));
      hub.add(username, socket);
      return send(socket, { type: 'ready', username });
    }
    if (frame.type === 'ping') send(socket, { type: 'pong' });
  });
}

export default fp(async (app) => {
  await app.register(websocket, { options: { maxPayload: MAX_CLIENT_FRAME_BYTES } });
  const hub = new SocketHub(app.orm, app.log, !app.databaseUrl);
  const bus: EventBus = app.databaseUrl
    ? await PostgresEventBus.start(app.databaseUrl, hub,
      (payloads) => app.orm.em.fork().getKnex().raw(
        `SELECT ${payloads.map(() => 'pg_notify(?, ?)').join(', ')}`, payloads.flatMap((payload) => [EVENTS_CHANNEL, payload])),
      app.log)
    : new LocalEventBus(hub);
  app.decorate('events', bus);
  app.decorate('openEventSockets', () => hub.openSockets());
  app.addHook('preClose', async () => {
    hub.closeAll(1001, 'server shutting down');
  });
  // Their tokens are refused from now on: the clients refresh, reconnect and catch up.
  app.secretRotated.add(() => hub.closeAll(CLOSE_UNAUTHORIZED, 'token expired'));
  app.addHook('onClose', async () => bus.close());

  // The token never goes in the URL (it would land in logs); it comes in the first frame.
  app.route({
    method: 'GET',
    url: '/api/events',
    schema: { hide: true },
    handler: async (_request, reply) => reply.status(426).header('upgrade', 'websocket')
      .send({ error: 'upgrade_required', message: 'This is a WebSocket endpoint; connect with a WebSocket client.' }),
    wsHandler: (socket) => serveSocket(app, hub, socket),
  });
}, { name: 'realtime', dependencies: ['db', 'auth'] });
