// Older messages, a page at a time: when the history is scrolled near its top, or from the
// "Load older messages" button; one page in flight at a time, and a failure said in words.
import type { RequestHandlers } from '../../common/webview-protocol';
import type { GroupChat } from '../chat-store';
import { button } from '../dom';
import { errorMessage } from '../../common/error-message';

/** How close to the top (px) the history must be scrolled before the next page loads. */
const LOAD_OLDER_THRESHOLD = 48;

export class OlderPages {
  readonly button: HTMLElement;
  private loading = false;

  constructor(
    doc: Document,
    private readonly loadOlder: RequestHandlers['loadOlder'],
    private readonly chat: () => GroupChat | undefined,
    private readonly failed: (message: string) => void,
  ) {
    this.button = button(doc, 'Load older messages', () => void this.load(), { secondary: true });
    this.button.className = 'load-older';
  }

  /** Loads the next page when `history` is scrolled near its top. */
  watch(history: HTMLElement): void {
    history.addEventListener('scroll', () => {
      if (history.scrollTop < LOAD_OLDER_THRESHOLD) void this.load();
    });
  }

  /** Shows the button while the server has more. */
  update(hasMore: boolean): void {
    this.button.hidden = !hasMore;
  }

  async load(): Promise<void> {
    const chat = this.chat();
    const oldest = chat?.messages[0];
    if (!chat || !chat.hasMore || this.loading) return;
    this.loading = true;
    this.button.setAttribute('disabled', '');
    try {
      await this.loadOlder({ groupId: chat.group.id, beforeSeq: oldest ? oldest.seq : Number.MAX_SAFE_INTEGER });
    } catch (e) {
      // Called from a click or a scroll, where nobody awaits it: the failure is shown.
      this.failed(errorMessage(e));
    } finally {
      this.loading = false;
      this.button.removeAttribute('disabled');
    }
  }
}
