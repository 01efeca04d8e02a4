// Each group's notification level, kept on this device only (VS Code's globalState): the server
// never learns who muted what. Keyed by server, user and group, so two accounts on one machine
// keep their own choices. A group with no choice yet gets the default for its size.
import type { NotifyLevel } from '../common/webview-protocol';

/** Above this many members a group starts as "Mentions only": a busy group should not toast every line. */
export const LARGE_GROUP_MEMBERS = 10;

/** The part of VS Code's Memento this needs, so tests can keep it in a Map. */
export interface KeptState {
  get<T>(key: string): T | undefined;
  update(key: string, value: unknown): PromiseLike<void>;
}

/** Each level in the user's words, in the order the picker offers them. */
export const NOTIFY_LEVEL_NAMES: Readonly<Record<NotifyLevel, string>> = {
  all: 'All messages',
  mentions: 'Mentions only',
  muted: 'Muted',
};

export const NOTIFY_LEVELS = Object.keys(NOTIFY_LEVEL_NAMES) as readonly NotifyLevel[];

export function isNotifyLevel(value: unknown): value is NotifyLevel {
  return typeof value === 'string' && (NOTIFY_LEVELS as readonly string[]).includes(value);
}

export function defaultNotifyLevel(memberCount: number): NotifyLevel {
  return memberCount > LARGE_GROUP_MEMBERS ? 'mentions' : 'all';
}

export class NotificationSettings {
  constructor(
    private readonly state: KeptState,
    private readonly server: string,
    private readonly username: string,
  ) {}

  /** The user's choice for the group, or its default. */
  levelOf(groupId: string, memberCount: number): NotifyLevel {
    return this.chosen(groupId) ?? defaultNotifyLevel(memberCount);
  }

  async choose(groupId: string, level: NotifyLevel): Promise<void> {
    await this.state.update(this.key(groupId), level);
  }

  /** What the user picked, if they ever did. */
  private chosen(groupId: string): NotifyLevel | undefined {
    const value = this.state.get<unknown>(this.key(groupId));
    return isNotifyLevel(value) ? value : undefined;
  }

  private key(groupId: string): string {
    return `teamchat.notify/${this.server}/${this.username}/${groupId}`;
  }
}
