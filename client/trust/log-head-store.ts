// The head of each group's log this client verified last, per server, kept with the pins:
// a later answer must extend it, so a server cannot roll a group back or swap its history
// between two runs of the CLI or two sessions of the extension.

import type { LogHead } from '../../common/group-log';
import { getJson, setJson, type SecretStore } from '../secrets/secret-store';

type HeadMap = Record<string, LogHead>;

export class LogHeadStore {
  private cache: Map<string, LogHead> | undefined;

  constructor(private readonly store: SecretStore, private readonly server: string) {}

  async head(groupId: string): Promise<LogHead | undefined> {
    return (await this.load()).get(groupId);
  }

  async remember(groupId: string, head: LogHead): Promise<void> {
    const heads = await this.load();
    const known = heads.get(groupId);
    if (known && known.seq === head.seq && known.hash === head.hash) return;
    heads.set(groupId, head);
    await setJson(this.store, `teamchat.logHeads:${this.server}`, Object.fromEntries(heads));
  }

  private async load(): Promise<Map<string, LogHead>> {
    // A Map, so that a group id is never an object key of the parsed JSON's prototype.
    this.cache ??= new Map(Object.entries((await getJson<HeadMap>(this.store, `teamchat.logHeads:${this.server}`)) ?? {}));
    return this.cache;
  }
}
