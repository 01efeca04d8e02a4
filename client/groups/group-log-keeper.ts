// Keeps each group's verified log: fetches the links after the head it holds, verifies them
// (common/group-log), checks the result extends the head verified before (kept across runs),
// checks that the log's keys for me are mine and that its keys for others match their pins,
// and cross-checks the server's view. The group the client acts on is built from the log.

import type { GroupView } from '../../common/api';
import { toBase64, type Identity } from '../../common/crypto';
import { assertExtends, GroupLogError, linkHash, verifyGroupLog, type GroupLogState } from '../../common/group-log';
import type { ApiClient } from '../api/api-client';
import { ProtocolError } from '../errors';
import type { LogHeadStore } from '../trust/log-head-store';
import type { UserDirectory } from '../trust/user-directory';
import { disagreements, fromLog, type Group, type GroupVerification } from './verified-group';

export class GroupLogKeeper {
  private readonly states = new Map<string, GroupLogState>();
  /** A split view seen in a message stays shown for the session, whatever the log says next. */
  private readonly forks = new Map<string, string>();
  /** Groups shown without a log whose messages name one: the server stripped it. */
  private readonly stripped = new Set<string>();

  constructor(
    private readonly api: ApiClient,
    private readonly heads: LogHeadStore,
    private readonly users: UserDirectory,
    private readonly me: { username: string; identity: Identity },
  ) {}

  /** The verified log of a group, if this client has one. */
  state(groupId: string): GroupLogState | undefined {
    return this.states.get(groupId);
  }

  forget(groupId: string): void {
    this.states.delete(groupId);
  }

  /** A message named a log head our chain does not contain: the server shows members different groups. */
  markFork(groupId: string, problem: string): void {
    this.forks.set(groupId, problem);
  }

  /**
   * Messages of a group shown as made before the log name positions in one: the server hid
   * its log (from a device that never verified it), to have it trusted on its word.
   */
  markStripped(groupId: string): void {
    this.stripped.add(groupId);
  }

  /** The group as this client acts on it, from the server's view and the log. */
  async check(view: GroupView): Promise<Group> {
    const known = this.states.get(view.id);
    const persisted = await this.heads.head(view.id);
    if (view.logSeq === 0 && !known && !persisted) {
      // Every direct message has a log from its first link: one shown without is the server's word alone.
      if (view.kind === 'dm') {
        const problem = 'The server shows this as a direct message without the signed log every direct message has. Nothing is sealed or opened in it.';
        return { ...view, name: 'unverified direct message', members: [], isAdmin: false, verification: { state: 'failed', reason: 'server-disagrees', problem } };
      }
      if (!this.stripped.has(view.id)) return { ...view, verification: { state: 'unverifiable' } };
      const problem = 'Messages in this group name positions in a signed group log that the server does not show: it hid the log to have its member list trusted. Nothing is sealed or opened in this group; tell its admins.';
      return { ...view, members: [], isAdmin: false, verification: { state: 'failed', reason: 'rollback', problem } };
    }
    let verification: GroupVerification;
    try {
      const state = view.logSeq === 0 ? undefined : await this.extend(view.id, known, view.logSeq);
      if (!state) {
        throw new GroupLogError('rollback', persisted?.seq, persisted || known
          ? 'The server now shows this group without the signed log you verified before: it was rolled back.'
          : 'The server says this group has a signed log but does not serve it.');
      }
      assertExtends(state, persisted ?? known?.head);
      this.checkMyKeys(state);
      await this.users.trustLogKeys([...state.members.values()].filter((m) => m.username !== this.me.username));
      this.states.set(view.id, state);
      await this.heads.remember(view.id, state.head);
      verification = { state: 'verified', head: state.head };
    } catch (error) {
      // A log page that is not even the API's shape is as untrustworthy as a malformed link.
      const failure = error instanceof ProtocolError ? new GroupLogError('malformed', undefined, error.message) : error;
      if (!(failure instanceof GroupLogError)) throw failure;
      verification = { state: 'failed', reason: failure.problem, problem: `${failure.message} Nothing new is sealed in this group; tell its admins.` };
    }
    const state = this.states.get(view.id);
    const fork = this.forks.get(view.id);
    // The log itself verified: sealing to its members stays safe, so admins can still act (a
    // member who lies about the head he saw can be removed).
    if (fork && verification.state !== 'failed') verification = { state: 'failed', reason: 'fork', problem: fork, sealable: true };
    // No verified log: nothing the log decides is shown on the server's word (the name stays, to tell the group by).
    if (!state) return { ...view, topic: '', members: [], isAdmin: false, verification };
    if (verification.state === 'verified') {
      const differ = disagreements(view, state, this.me.username);
      // The server's view is older than the log we hold (a change landed in between): not a dispute.
      if (differ.length && view.logSeq >= state.head.seq) {
        verification = {
          state: 'disputed', reason: 'server-disagrees', head: state.head,
          problem: `The server's view of this group differs from its signed log: ${differ.join('; ')}. The log is shown; nothing is sealed until they agree.`,
        };
      }
    }
    verification.head ??= state.head;
    return fromLog(view, state, this.me.username, verification);
  }

  /**
   * Fetches the links after the head we hold, starting one link early: the server must still
   * serve our head itself, unchanged, or it rolled the log back or rewrote it. A view that
   * names our own head costs no request (a refresh of every group on each reconnect): what this
   * client acts on is the log it verified, and a rewrite shows once the log grows or a message
   * names the other history.
   */
  private async extend(groupId: string, known: GroupLogState | undefined, servedSeq: number): Promise<GroupLogState | undefined> {
    if (known && servedSeq < known.head.seq) {
      throw new GroupLogError('rollback', known.head.seq, `The server's group log ends at link ${servedSeq}, but you verified link ${known.head.seq} before: it was rolled back.`);
    }
    if (known && servedSeq === known.head.seq) return known;
    const texts: string[] = [];
    let after = known ? known.head.seq - 1 : 0;
    for (;;) {
      const page = await this.api.log(groupId, after);
      texts.push(...page.links.map((l) => l.link));
      const last = page.links[page.links.length - 1];
      if (!page.hasMore || !last) break;
      after = last.seq;
    }
    if (!known) return texts.length === 0 ? undefined : verifyGroupLog(groupId, texts, known);
    const [ours, ...newer] = texts;
    if (ours === undefined) {
      throw new GroupLogError('rollback', known.head.seq, `The server no longer serves link ${known.head.seq} of the group log, which you verified before: it was rolled back.`);
    }
    if (linkHash(ours) !== known.head.hash) {
      throw new GroupLogError('fork', known.head.seq, `The server's link ${known.head.seq} of the group log differs from the one you verified before: its history was rewritten.`);
    }
    return newer.length === 0 ? known : verifyGroupLog(groupId, newer, known);
  }

  private checkMyKeys(state: GroupLogState): void {
    const mine = state.everyone.get(this.me.username);
    if (!mine) return;
    if (mine.signingKey !== toBase64(this.me.identity.signingPublicKey) || mine.encryptionKey !== toBase64(this.me.identity.encryptionPublicKey)) {
      throw new GroupLogError('not-allowed', undefined, 'The group log gives you keys that are not yours: someone added an impostor in your name.');
    }
  }
}
