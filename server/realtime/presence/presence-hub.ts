// Typing, presence and read positions for this process's sockets (docs/presence.md). Never
// stored: frames are checked (schema, budget, membership from a cache), handed to the local
// sockets of the group's other members and told to the other processes by the event bus.
// The sender is always the socket's signed-in user, never a name from the frame. Presence
// changes go only to sockets watching (having asked about) a group the user is in, so a socket
// that asks for nothing costs nothing. This runs beside the SocketHub, not in its send path,
// so messages do not wait on any of it.

import type { FastifyBaseLogger } from 'fastify';
import type { Knex } from '@mikro-orm/postgresql';
import type { WebSocket } from 'ws';
import type { EphemeralEvent, Presence, PresenceState } from '../../../common/api';
import { ephemeralFrame } from './ephemeral-frame';
import { readNotice, type EphemeralNotice } from './ephemeral-notice';
import { FrameBudget } from './frame-budget';
import { GroupMemberCache } from './member-cache';
import { ANNOUNCE_MS, PresenceTable, type Summary } from './presence-table';

/** Where this process's notices go; undefined with one process (nobody else to tell). */
export interface NoticeChannel {
  announce(notice: EphemeralNotice): Promise<void>;
}

export interface ReadReceipt {
  groupId: string;
  username: string;
  seq: number;
  to: string[];
}

interface SocketInfo {
  readonly username: string;
  state: PresenceState;
  readonly budget: FrameBudget;
  /** The group whose members' presence this socket asked for last: it hears their changes. */
  watching?: string;
}

const ANNOUNCE_CHUNK = 100;
/**
 * Presence changes for the other processes wait this long and go together: a reconnect storm
 * of 10,000 sockets was 10,000 NOTIFY payloads (one per sign-in), each parsed by every process.
 */
const COALESCE_MS = 100;

export class PresenceHub {
  private readonly sockets = new Map<string, Map<WebSocket, SocketInfo>>();
  private readonly table = new PresenceTable((username) => this.summary(username));
  private readonly members: GroupMemberCache;
  /** What this process last told the others of each user here (absent: 'none'). */
  private readonly announced = new Map<string, Exclude<Summary, 'none'>>();
  /** The presence this process last told its sockets of each user (absent: offline). */
  private readonly shown = new Map<string, Presence>();
  /** Sockets by the group they watch: a change goes to these only, so a socket that asks for nothing costs nothing. */
  private readonly watchers = new Map<string, Map<WebSocket, SocketInfo>>();
  private queue: Promise<void> = Promise.resolve();
  private channel: NoticeChannel | undefined;
  private timer: NodeJS.Timeout | undefined;
  /** Summaries not yet told to the other processes, by username (the latest wins). */
  private readonly untold = new Map<string, Summary>();
  private flushTimer: NodeJS.Timeout | undefined;

  constructor(private readonly knex: () => Knex, private readonly log: FastifyBaseLogger) {
    this.members = new GroupMemberCache(async (groupId) => {
      const rows: { username: string }[] = await this.knex()('group_memberships').select('username').where({ group_id: groupId });
      return new Set(rows.map((r) => r.username));
    });
  }

  /** With several processes: asks the others for their users, and tells them of ours from now on. */
  attach(channel: NoticeChannel): void {
    this.channel = channel;
    this.tell({ hello: true });
    this.timer = setInterval(() => {
      this.announceAll();
      for (const username of this.table.sweep()) this.changed(username);
    }, ANNOUNCE_MS);
    this.timer.unref();
  }

  close(): void {
    clearInterval(this.timer);
    clearTimeout(this.flushTimer);
  }

  add(username: string, socket: WebSocket): void {
    let set = this.sockets.get(username);
    if (!set) this.sockets.set(username, (set = new Map()));
    set.set(socket, { username, state: 'active', budget: new FrameBudget() });
    this.localChanged(username);
  }

  remove(username: string, socket: WebSocket): void {
    const set = this.sockets.get(username);
    const info = set?.get(socket);
    if (!set || !info) return;
    this.unwatch(socket, info);
    set.delete(socket);
    if (set.size === 0) this.sockets.delete(username);
    this.localChanged(username);
  }

  /** A membership event for the group passed through this process. */
  groupChanged(groupId: string): void {
    this.members.forget(groupId);
  }

  /** A signed-in socket's frame other than a ping: dropped unless it is a well-formed one within budget. */
  receive(username: string, socket: WebSocket, raw: unknown): void {
    const frame = ephemeralFrame(raw);
    const info = this.sockets.get(username)?.get(socket);
    if (!frame || !info || !info.budget.take()) return;
    if (frame.type === 'presence') {
      info.state = frame.state;
      this.localChanged(username);
    } else if (frame.type === 'typing') {
      const typing = { groupId: frame.groupId, username, typing: frame.typing };
      void this.ifMember(frame.groupId, username, (members) => {
        this.sendToMembers(members, username, { type: 'typing', ...typing });
        this.tell({ typing });
      });
    } else {
      void this.ifMember(frame.groupId, username, (members) => {
        this.unwatch(socket, info);
        info.watching = frame.groupId;
        let watching = this.watchers.get(frame.groupId);
        if (!watching) this.watchers.set(frame.groupId, (watching = new Map()));
        watching.set(socket, info);
        this.answerQuery(socket, info, username, frame.groupId, members);
      });
    }
  }

  /** A read position moved (after its commit): to `to`, the members who share theirs. */
  sendRead(read: ReadReceipt): void {
    this.sendTo(read.to, { type: 'read', groupId: read.groupId, username: read.username, seq: read.seq });
    this.tell({ read });
  }

  /** Another process's notice. */
  hear(origin: string, value: unknown): void {
    const notice = readNotice(value);
    if (!notice) return;
    if ('hello' in notice) this.announceAll();
    else if ('presence' in notice) {
      for (const [username, summary] of notice.presence) {
        this.table.hear(origin, username, summary);
        this.changed(username);
      }
    } else if ('typing' in notice) {
      const { typing } = notice;
      void this.ifMember(typing.groupId, typing.username, (members) => this.sendToMembers(members, typing.username, { type: 'typing', ...typing }));
    } else {
      const { read } = notice;
      this.sendTo(read.to, { type: 'read', groupId: read.groupId, username: read.username, seq: read.seq });
    }
  }

  private summary(username: string): Summary {
    let away = false;
    for (const info of this.sockets.get(username)?.values() ?? []) {
      if (info.state === 'active') return 'active';
      if (info.state === 'away') away = true;
    }
    return away ? 'away' : 'none';
  }

  private localChanged(username: string): void {
    const summary = this.summary(username);
    if ((this.announced.get(username) ?? 'none') !== summary) {
      if (summary === 'none') this.announced.delete(username);
      else this.announced.set(username, summary);
      this.tellSoon(username, summary);
    }
    this.changed(username);
  }

  private unwatch(socket: WebSocket, info: SocketInfo): void {
    if (!info.watching) return;
    const watching = this.watchers.get(info.watching);
    watching?.delete(socket);
    if (watching?.size === 0) this.watchers.delete(info.watching);
    info.watching = undefined;
  }

  /** Tells this process's sockets watching a group `username` is in (and so are they), if their presence changed. */
  private changed(username: string): void {
    this.enqueue(async () => {
      const presence = this.table.presence(username);
      if ((this.shown.get(username) ?? 'offline') === presence) return;
      if (presence === 'offline') this.shown.delete(username);
      else this.shown.set(username, presence);
      const frame = JSON.stringify({ type: 'presence', username, presence } satisfies EphemeralEvent);
      for (const [groupId, sockets] of [...this.watchers]) {
        const members = this.members.peek(groupId) ?? await this.members.get(groupId);
        if (!members.has(username)) continue;
        for (const [socket, info] of sockets) {
          if (info.username !== username && info.state !== 'hidden' && members.has(info.username)) sendFrame(socket, frame);
        }
      }
    });
  }

  /** Who shares presence sees the others'; a hidden socket is told of nobody (as it tells nobody). */
  private answerQuery(socket: WebSocket, info: SocketInfo, username: string, groupId: string, members: ReadonlySet<string>): void {
    const listed: { username: string; presence: Presence }[] = [];
    if (info.state !== 'hidden') {
      for (const member of members) {
        const presence = member === username ? 'offline' : this.table.presence(member);
        if (presence !== 'offline') listed.push({ username: member, presence });
      }
    }
    sendFrame(socket, JSON.stringify({ type: 'presence-snapshot', groupId, members: listed } satisfies EphemeralEvent));
  }

  /** Runs `then` with the group's members if `username` is one of them; a cached group costs no query. */
  private async ifMember(groupId: string, username: string, then: (members: ReadonlySet<string>) => void): Promise<void> {
    try {
      const members = this.members.peek(groupId) ?? await this.members.get(groupId);
      if (members.has(username)) then(members);
    } catch (error) {
      this.log.warn({ err: error }, 'could not read a group\'s members for a typing or presence frame');
    }
  }

  private sendToMembers(members: ReadonlySet<string>, sender: string, event: EphemeralEvent): void {
    const frame = JSON.stringify(event);
    const fewer = members.size <= this.sockets.size;
    for (const username of fewer ? members : this.sockets.keys()) {
      if (username === sender || (!fewer && !members.has(username))) continue;
      for (const socket of this.sockets.get(username)?.keys() ?? []) sendFrame(socket, frame);
    }
  }

  private sendTo(usernames: string[], event: EphemeralEvent): void {
    const frame = JSON.stringify(event);
    for (const username of usernames) for (const socket of this.sockets.get(username)?.keys() ?? []) sendFrame(socket, frame);
  }

  private announceAll(): void {
    const entries = [...this.announced];
    for (let at = 0; at < entries.length; at += ANNOUNCE_CHUNK) this.tell({ presence: entries.slice(at, at + ANNOUNCE_CHUNK) });
  }

  private tellSoon(username: string, summary: Summary): void {
    if (!this.channel) return;
    this.untold.set(username, summary);
    this.flushTimer ??= setTimeout(() => {
      this.flushTimer = undefined;
      const entries = [...this.untold];
      this.untold.clear();
      for (let at = 0; at < entries.length; at += ANNOUNCE_CHUNK) this.tell({ presence: entries.slice(at, at + ANNOUNCE_CHUNK) });
    }, COALESCE_MS);
  }

  private tell(notice: EphemeralNotice): void {
    this.channel?.announce(notice).catch((error: unknown) => this.log.warn({ err: error }, 'could not tell the other processes of typing or presence'));
  }

  private enqueue(work: () => Promise<void>): void {
    this.queue = this.queue.then(work).catch((error: unknown) => this.log.warn({ err: error }, 'could not send a presence change'));
  }
}

function sendFrame(socket: WebSocket, frame: string): void {
  if (socket.readyState === socket.OPEN) socket.send(frame);
}
