// The send box and every edit box complete "@member" and ":emoji" as you type.
import type { MemberView } from '../../common/webview-protocol';
import { emojiSource } from './emoji-complete';
import { InlineComplete } from './inline-complete';
import { mentionSource } from './mention-complete';
import type { RecentEmoji } from './recent-emoji';

export function completeAsYouType(doc: Document, root: HTMLElement, members: () => readonly MemberView[], recent: RecentEmoji): InlineComplete {
  return new InlineComplete(doc, root, '#send-box, .edit-box', [mentionSource(members), emojiSource(recent)]);
}
