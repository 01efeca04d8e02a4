// The reconnecting event stream against a small WebSocket server that speaks the protocol's
// framing (the TeamChat server itself is exercised by the end-to-end tests).

import assert from 'node:assert/strict';
import type { AddressInfo } from 'node:net';
import { WebSocketServer, type WebSocket } from 'ws';
import { EventsClient, type ConnectionState } from '../../../client/events/events-client';
import type { TokenSource } from '../../../client/api/api-client';
import { AccountDeactivatedError } from '../../../client/errors';

interface Connection {
  url: string;
  socket: WebSocket;
  firstFrame: Promise<string>;
}

class StubEventServer {
  readonly connections: Connection[] = [];
  private readonly waiting: ((c: Connection) => void)[] = [];
  readonly wss: WebSocketServer;

  constructor() {
    this.wss = new WebSocketServer({ port: 0, host: '127.0.0.1' });
    this.wss.on('connection', (socket, request) => {
      const firstFrame = new Promise<string>((resolve) => socket.once('message', (data) => resolve(data.toString())));
      const connection = { url: request.url ?? '', socket, firstFrame };
      this.connections.push(connection);
      this.waiting.shift()?.(connection);
    });
  }

  listening(): Promise<void> {
    return new Promise((resolve) => {
      if (this.wss.address()) resolve();
      else this.wss.once('listening', () => resolve());
    });
  }

  get url(): string {
    return `ws://127.0.0.1:${(this.wss.address() as AddressInfo).port}/api/events`;
  }

  nextConnection(): Promise<Connection> {
    return new Promise((resolve) => this.waiting.push(resolve));
  }

  close(): Promise<void> {
    for (const client of this.wss.clients) client.terminate();
    return new Promise((resolve) => this.wss.close(() => resolve()));
  }
}

function tokens(initial: string, refreshed: string): TokenSource & { rejected: string[] } {
  let current = initial;
  const rejected: string[] = [];
  return {
    rejected,
    accessToken: async () => current,
    refreshAfterRejection: async (token) => {
      rejected.push(token);
      current = refreshed;
      return current;
    },
  };
}

function until(client: EventsClient, state: ConnectionState): Promise<void> {
  return new Promise((resolve) => {
    if (client.state === state) return resolve();
    const off = client.on('state', (now) => {
      if (now === state) {
        off();
        resolve();
      }
    });
  });
}

describe('events client', () => {
  let server: StubEventServer;
  let client: EventsClient | undefined;
  const fast = { backoff: { initialMs: 10, maxMs: 50, factor: 2 } };

  beforeEach(async () => {
    server = new StubEventServer();
    await server.listening();
  });
  afterEach(async () => {
    await client?.stop();
    await server.close();
  });

  it('authenticates with its first frame, never with the token in the URL, and delivers events', async () => {
    client = new EventsClient(server.url, tokens('secret-token', 'unused'), fast);
    const connected = server.nextConnection();
    const event = new Promise((resolve) => client!.on('event', resolve));
    client.start();
    const connection = await connected;
    assert.equal(connection.url, '/api/events');
    assert.deepEqual(JSON.parse(await connection.firstFrame), { type: 'auth', token: 'secret-token' });
    connection.socket.send(JSON.stringify({ type: 'ready', username: 'alice' }));
    await until(client, 'connected');
    const frame = { type: 'group', groupId: '11111111-2222-4333-8444-555555555555', action: 'created' };
    connection.socket.send(JSON.stringify(frame));
    assert.deepEqual(await event, frame);
  });

  it('reconnects after the connection drops and says ready again, so the caller can catch up', async () => {
    client = new EventsClient(server.url, tokens('t', 'unused'), fast);
    let readies = 0;
    client.on('ready', () => readies++);
    const first = server.nextConnection();
    client.start();
    const one = await first;
    await one.firstFrame;
    one.socket.send(JSON.stringify({ type: 'ready', username: 'alice' }));
    await until(client, 'connected');

    const second = server.nextConnection();
    one.socket.terminate();
    await until(client, 'reconnecting');
    const two = await second;
    await two.firstFrame;
    two.socket.send(JSON.stringify({ type: 'ready', username: 'alice' }));
    await until(client, 'connected');
    assert.equal(readies, 2);
  });

  it('refreshes the token when the server rejects it (4401) and authenticates with the new one', async () => {
    const source = tokens('expired', 'fresh');
    client = new EventsClient(server.url, source, fast);
    const first = server.nextConnection();
    client.start();
    const rejected = await first;
    assert.equal(JSON.parse(await rejected.firstFrame).token, 'expired');
    const second = server.nextConnection();
    rejected.socket.close(4401, 'token expired');
    const retried = await second;
    assert.equal(JSON.parse(await retried.firstFrame).token, 'fresh');
    assert.deepEqual(source.rejected, ['expired']);
  });

  it('stops for good, without refreshing or reconnecting, when the server says the account was deactivated (4403)', async () => {
    const source = tokens('t', 'unused');
    client = new EventsClient(server.url, source, fast);
    const failed: Error[] = [];
    client.on('failed', (error) => failed.push(error));
    const first = server.nextConnection();
    client.start();
    const connection = await first;
    await connection.firstFrame;
    connection.socket.close(4403, 'account deactivated');
    await until(client, 'closed');
    assert.ok(failed[0] instanceof AccountDeactivatedError);
    assert.match(failed[0].message, /deactivated by a server admin/);
    await new Promise((resolve) => setTimeout(resolve, 100));
    assert.equal(server.connections.length, 1, 'no reconnect');
    assert.deepEqual(source.rejected, [], 'no refresh');
  });

  it('drops a connection that stays silent through a heartbeat and connects again', async () => {
    client = new EventsClient(server.url, tokens('t', 'unused'), { ...fast, heartbeatMs: 30 });
    const first = server.nextConnection();
    client.start();
    const silent = await first;
    await silent.firstFrame;
    // The server answers nothing, not even the pings: the client must give up on it.
    const second = server.nextConnection();
    const again = await second;
    assert.notEqual(again.socket, silent.socket);
  });

  it('stops for good on stop()', async () => {
    client = new EventsClient(server.url, tokens('t', 'unused'), fast);
    const first = server.nextConnection();
    client.start();
    await first;
    await client.stop();
    assert.equal(client.state, 'closed');
  });
});
