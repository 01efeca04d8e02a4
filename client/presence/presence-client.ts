// Typing, presence and read receipts as a UI sees them (docs/presence.md). Frames go over the
// event socket and are never stored; what comes back is the server's word, taken only about
// members of the verified group. Each of the three can be turned off, and who does not share
// one sees nobody's (as Signal and WhatsApp do).

import type { EphemeralEvent, Presence } from '../../common/api';
import type { EventsClient } from '../events/events-client';
import type { Group } from '../groups/verified-group';
import type { ChatMessage } from '../messages/chat-message';
import { TypedEmitter } from '../typed-emitter';
import { realClock, type Clock } from './clock';
import { ReadPositions } from './read-positions';
import { TypingRoster } from './typing-roster';
import { TypingThrottle } from './typing-throttle';

export interface PrivacySettings {
  shareTyping: boolean;
  sharePresence: boolean;
  shareReadReceipts: boolean;
}

export type PresenceEvents = {
  /** Who types in the group changed. */
  typing: [groupId: string];
  /** Someone's presence changed (or a snapshot came). */
  presence: [];
  /** Members' read positions in the group changed. */
  reads: [groupId: string];
};

/** The client core, as far as this needs it. */
export interface PresenceHost {
  readonly username: string;
  groups(): Group[];
  on(event: 'groups-changed', listener: (groups: Group[]) => void): () => void;
  on(event: 'message', listener: (message: ChatMessage) => void): () => void;
}

export class PresenceClient extends TypedEmitter<PresenceEvents> {
  private privacy: PrivacySettings = { shareTyping: true, sharePresence: true, shareReadReceipts: true };
  private active = true;
  private watched: string | undefined;
  private readonly presence = new Map<string, Presence>();
  private readonly roster: TypingRoster;
  private readonly throttle: TypingThrottle;
  private readonly reads = new ReadPositions();

  constructor(
    private readonly host: PresenceHost,
    private readonly socket: EventsClient,
    private readonly api: { markRead(groupId: string, seq: number, share: boolean): Promise<void> },
    clock: Clock = realClock,
  ) {
    super();
    this.roster = new TypingRoster((groupId) => this.emit('typing', groupId), clock);
    this.throttle = new TypingThrottle((groupId, typing) => this.socket.send({ type: 'typing', groupId, typing }), clock);
    socket.on('ephemeral', (event) => this.heard(event));
    socket.on('ready', () => this.reconnected());
    host.on('groups-changed', (groups) => this.groupsChanged(groups));
    host.on('message', (message) => {
      if (message.sender === host.username) this.throttle.stop(message.groupId);
      else this.roster.stopped(message.groupId, message.sender);
    });
  }

  get sharesReadReceipts(): boolean {
    return this.privacy.shareReadReceipts;
  }

  /**
   * Turning read receipts off withdraws this user's shared position in every group (their
   * own unread counts go on); turning them on shares it again.
   */
  async setPrivacy(change: Partial<PrivacySettings>): Promise<void> {
    const before = this.privacy;
    this.privacy = { ...before, ...change };
    if (!this.privacy.shareTyping && before.shareTyping) {
      this.throttle.stopAll();
      this.roster.clear();
    }
    if (this.privacy.sharePresence !== before.sharePresence) {
      this.sendPresence();
      if (!this.privacy.sharePresence) this.presence.clear();
      else if (this.watched) this.socket.send({ type: 'presence-query', groupId: this.watched });
      this.emit('presence');
    }
    if (this.privacy.shareReadReceipts !== before.shareReadReceipts) {
      if (!this.privacy.shareReadReceipts) for (const id of this.reads.clear()) this.emit('reads', id);
      const share = this.privacy.shareReadReceipts;
      await Promise.all(this.host.groups().map((g) => this.api.markRead(g.id, g.readSeq, share)));
    }
  }

  /** The user is at the window (focused, recently used) or not. */
  setActive(active: boolean): void {
    if (this.active === active) return;
    this.active = active;
    this.sendPresence();
  }

  /** The group on screen: its members' presence is asked for now and after each reconnect. */
  watch(groupId: string | undefined): void {
    this.watched = groupId;
    if (groupId && this.privacy.sharePresence) this.socket.send({ type: 'presence-query', groupId });
  }

  /** A key pressed in the group's message box; `empty`: the box is empty now. */
  typing(groupId: string, empty = false): void {
    if (!this.privacy.shareTyping) return;
    if (empty) this.throttle.stop(groupId);
    else this.throttle.typed(groupId);
  }

  stopTyping(groupId: string): void {
    this.throttle.stop(groupId);
  }

  /** Others typing in the group, in the order they started. */
  typers(groupId: string): string[] {
    return this.roster.typers(groupId);
  }

  presenceOf(username: string): Presence {
    return this.presence.get(username) ?? 'offline';
  }

  /** Members' read positions in the group (the server's claim), empty with read receipts off. */
  readsIn(groupId: string): ReadonlyMap<string, number> {
    return this.reads.of(groupId);
  }

  private sendPresence(): void {
    this.socket.send({ type: 'presence', state: !this.privacy.sharePresence ? 'hidden' : this.active ? 'active' : 'away' });
  }

  private reconnected(): void {
    // What was heard before may be stale: the server tells it afresh.
    this.presence.clear();
    this.roster.clear();
    this.emit('presence');
    if (!this.active || !this.privacy.sharePresence) this.sendPresence();
    this.watch(this.watched);
  }

  private groupsChanged(groups: Group[]): void {
    if (!this.privacy.shareReadReceipts) return;
    for (const id of this.reads.fromGroups(groups)) this.emit('reads', id);
  }

  private heard(event: EphemeralEvent): void {
    if (event.type !== 'presence-snapshot' && event.username === this.host.username) return;
    if (event.type === 'presence') {
      if (!this.privacy.sharePresence) return;
      if (event.presence === 'offline') this.presence.delete(event.username);
      else this.presence.set(event.username, event.presence);
      this.emit('presence');
      return;
    }
    const group = this.host.groups().find((g) => g.id === event.groupId);
    if (!group) return;
    const isMember = (username: string) => group.members.some((m) => m.username === username);
    if (event.type === 'presence-snapshot') {
      if (!this.privacy.sharePresence) return;
      for (const m of group.members) if (m.username !== this.host.username) this.presence.delete(m.username);
      for (const m of event.members) if (isMember(m.username) && m.username !== this.host.username) this.presence.set(m.username, m.presence);
      this.emit('presence');
    } else if (event.type === 'typing') {
      if (this.privacy.shareTyping && isMember(event.username)) this.roster.heard(group.id, event.username, event.typing);
    } else if (this.privacy.shareReadReceipts && this.reads.heard(group, event.username, event.seq)) {
      this.emit('reads', group.id);
    }
  }
}
