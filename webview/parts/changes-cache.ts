// One load of a group's signed history per state of its log, shared by the inline notes in
// the timeline and the history view, so opening one after the other asks the host once.
import type { GroupHistoryView, GroupVerificationView, RequestHandlers } from '../../common/webview-protocol';

export type HistorySource = Pick<RequestHandlers, 'groupHistory'>;

export class ChangesCache implements HistorySource {
  private key: string | undefined;
  private loading: Promise<GroupHistoryView> | undefined;

  constructor(private readonly source: HistorySource) {}

  /** The open group and how far its log is verified; a change of either forgets the last load. */
  track(groupId: string, verification: GroupVerificationView): void {
    const key = `${groupId}|${verification.state}:${verification.headSeq ?? ''}`;
    if (key !== this.key) this.loading = undefined;
    this.key = key;
  }

  groupHistory(params: { groupId: string }): Promise<GroupHistoryView> {
    if (this.loading && this.key?.startsWith(`${params.groupId}|`)) return this.loading;
    const loading = this.source.groupHistory(params);
    this.loading = loading;
    // A failed load is not kept: the next one asks again.
    loading.catch(() => {
      if (this.loading === loading) this.loading = undefined;
    });
    return loading;
  }
}
