// The WebSocket half of docs/api.md. Authenticates with its first frame (the token never
// goes in the URL), sends heartbeats and treats a silent connection as dead, reconnects
// with backoff, and refreshes the access token when the server closes with 4401 (and stops
// for good at 4403: the account was deactivated). It only
// delivers events and says when it is (re)connected: catching up is the caller's job,
// because only the caller knows the last seq it saw in each group.

import WebSocket from 'ws';
import { Compile } from 'typebox/compile';
import {
  CLOSE_ACCOUNT_DEACTIVATED, CLOSE_UNAUTHORIZED, EphemeralEvent, type ChatEvent, type EphemeralClientFrame, type ServerFrame,
} from '../../common/api';
import type { TokenSource } from '../api/api-client';
import { AccountDeactivatedError, SignedOutError } from '../errors';
import { TypedEmitter } from '../typed-emitter';
import { backoffDelay, DEFAULT_BACKOFF, type BackoffOptions } from './backoff';

export type ConnectionState = 'connecting' | 'connected' | 'reconnecting' | 'closed';

export type EventsClientEvents = {
  state: [ConnectionState];
  /** The server accepted the auth frame; every (re)connect, so the caller can catch up. */
  ready: [];
  event: [ChatEvent];
  /** Typing, presence or a read position (client/presence): checked against its schema. */
  ephemeral: [EphemeralEvent];
  /** The stream stopped for good (e.g. signed out); the state is 'closed'. */
  failed: [Error];
};

export interface EventsClientOptions {
  heartbeatMs?: number;
  backoff?: BackoffOptions;
}

const EVENT_TYPES = new Set(['message', 'member', 'key', 'group']);
const isEphemeral = Compile(EphemeralEvent);

export class EventsClient extends TypedEmitter<EventsClientEvents> {
  private socket: WebSocket | undefined;
  private stopped = true;
  private attempt = 0;
  private retryTimer: NodeJS.Timeout | undefined;
  private heartbeatTimer: NodeJS.Timeout | undefined;
  private heardSinceLastBeat = true;
  private current: ConnectionState = 'closed';
  private readonly heartbeatMs: number;
  private readonly backoff: BackoffOptions;

  constructor(private readonly url: string, private readonly tokens: TokenSource, options: EventsClientOptions = {}) {
    super();
    this.heartbeatMs = options.heartbeatMs ?? 20_000;
    this.backoff = options.backoff ?? DEFAULT_BACKOFF;
  }

  get state(): ConnectionState {
    return this.current;
  }

  /** Sends a typing or presence frame if the stream is up; false if it is not (nothing is queued). */
  send(frame: EphemeralClientFrame): boolean {
    const socket = this.socket;
    if (this.current !== 'connected' || socket?.readyState !== WebSocket.OPEN) return false;
    socket.send(JSON.stringify(frame));
    return true;
  }

  start(): void {
    if (!this.stopped) return;
    this.stopped = false;
    this.attempt = 0;
    // connect() ends every failure in handleTokenFailure or the socket's 'close', never a rejection.
    void this.connect();
  }

  /** Closes the stream and stops reconnecting; resolves once the socket is closed. */
  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.retryTimer);
    this.stopHeartbeat();
    const socket = this.socket;
    this.socket = undefined;
    if (socket && socket.readyState !== WebSocket.CLOSED) {
      await new Promise<void>((resolve) => {
        socket.once('close', () => resolve());
        socket.terminate();
      });
    }
    this.setState('closed');
  }

  private setState(state: ConnectionState): void {
    if (state === this.current) return;
    this.current = state;
    this.emit('state', state);
  }

  private async connect(): Promise<void> {
    if (this.stopped) return;
    this.setState(this.attempt === 0 ? 'connecting' : 'reconnecting');
    let token: string;
    try {
      token = await this.tokens.accessToken();
    } catch (error) {
      this.handleTokenFailure(error);
      return;
    }
    if (this.stopped) return;
    const socket = new WebSocket(this.url, { handshakeTimeout: 10_000 });
    this.socket = socket;
    let authRejected = false;
    socket.on('open', () => {
      socket.send(JSON.stringify({ type: 'auth', token }));
      this.startHeartbeat(socket);
    });
    socket.on('ping', () => {
      this.heardSinceLastBeat = true;
    });
    socket.on('message', (data) => {
      this.heardSinceLastBeat = true;
      const frame = parseFrame(data.toString());
      if (!frame) return;
      if (frame.type === 'ready') {
        this.attempt = 0;
        this.setState('connected');
        this.emit('ready');
      } else if (EVENT_TYPES.has(frame.type)) {
        this.emit('event', frame as ChatEvent);
      } else if (isEphemeral.Check(frame)) {
        this.emit('ephemeral', frame);
      }
    });
    // Errors always end in 'close', where reconnecting is decided.
    socket.on('error', () => {});
    socket.on('close', (code) => {
      authRejected = code === CLOSE_UNAUTHORIZED;
      if (socket !== this.socket) return;
      this.socket = undefined;
      this.stopHeartbeat();
      if (this.stopped) return;
      // Signed out by a server admin: coming back would only be refused again.
      if (code === CLOSE_ACCOUNT_DEACTIVATED) return this.handleTokenFailure(new AccountDeactivatedError());
      if (authRejected) void this.reauthenticate(token); // catches its own token failures
      else this.scheduleReconnect();
    });
  }

  private async reauthenticate(rejected: string): Promise<void> {
    try {
      await this.tokens.refreshAfterRejection(rejected);
    } catch (error) {
      this.handleTokenFailure(error);
      return;
    }
    this.scheduleReconnect();
  }

  private handleTokenFailure(error: unknown): void {
    if (error instanceof SignedOutError) {
      this.stopped = true;
      this.setState('closed');
      this.emit('failed', error);
      return;
    }
    this.scheduleReconnect();
  }

  private scheduleReconnect(): void {
    if (this.stopped) return;
    this.setState('reconnecting');
    const delay = backoffDelay(this.attempt, this.backoff);
    this.attempt += 1;
    clearTimeout(this.retryTimer);
    this.retryTimer = setTimeout(() => void this.connect(), delay);
  }

  private startHeartbeat(socket: WebSocket): void {
    this.stopHeartbeat();
    this.heardSinceLastBeat = true;
    this.heartbeatTimer = setInterval(() => {
      // Nothing at all (not even our last pong) since the previous beat: the link is dead
      // even if TCP has not noticed yet.
      if (!this.heardSinceLastBeat) {
        socket.terminate();
        return;
      }
      this.heardSinceLastBeat = false;
      if (socket.readyState === WebSocket.OPEN) socket.send(JSON.stringify({ type: 'ping' }));
    }, this.heartbeatMs);
  }

  private stopHeartbeat(): void {
    clearInterval(this.heartbeatTimer);
    this.heartbeatTimer = undefined;
  }
}

function parseFrame(text: string): ServerFrame | undefined {
  try {
    const frame = JSON.parse(text) as ServerFrame;
    return typeof frame === 'object' && frame !== null && typeof frame.type === 'string' ? frame : undefined;
  } catch {
    return undefined;
  }
}
