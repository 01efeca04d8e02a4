// Who is around in the open chat (docs/presence.md): the typing line above the composer,
// presence dots in the member list and by a two-person group's title, "Seen by" under the
// last message; and the composer's keystrokes, told to the host (which throttles them).
import type { AwarenessView } from '../../common/webview-protocol';
import type { GroupChat } from '../chat-store';
import { fieldValue } from '../dom';
import { markPresence, presenceDot, type ShownPresence } from './presence-dots';
import { SEEN_BY_MAX_MEMBERS, SeenBy, seenByNames } from './seen-by';
import { TypingLine } from './typing-line';

export interface AwarenessParts {
  /** The member list, re-rendered on each group change: the dots go back in after. */
  members: HTMLElement;
  /** Where a two-person group's dot goes, by its title. */
  titleLine: HTMLElement | null;
  chat(): GroupChat | undefined;
  me(): string | undefined;
  typing(groupId: string, empty: boolean): void;
}

export class ChatAwareness {
  private readonly typingLine: TypingLine;
  private readonly seenBy: SeenBy;
  private view: AwarenessView | undefined;
  private headerDot: HTMLElement | undefined;

  constructor(private readonly doc: Document, private readonly parts: AwarenessParts) {
    this.typingLine = new TypingLine(doc);
    this.seenBy = new SeenBy(doc);
  }

  get typingElement(): HTMLElement {
    return this.typingLine.element;
  }

  get seenByElement(): HTMLElement {
    return this.seenBy.element;
  }

  /** Keystrokes in the composer (`input` events from inside it) become typing commands. */
  watch(composer: HTMLElement): void {
    composer.addEventListener('input', (e) => {
      const chat = this.parts.chat();
      const field = e.target as HTMLElement | null;
      if (!chat || !field || field.tagName.toLowerCase() !== 'vscode-textarea') return;
      this.parts.typing(chat.group.id, fieldValue(field) === '');
    });
  }

  update(view: AwarenessView): void {
    this.view = view;
    this.refresh();
  }

  /** After the chat, its members or its messages changed. */
  refresh(): void {
    const chat = this.parts.chat();
    const view = chat && this.view?.groupId === chat.group.id ? this.view : undefined;
    this.typingLine.show(view?.typing ?? []);
    const presence = new Map(view?.presence.map((p) => [p.username, p.presence]) ?? []);
    const presenceOf = (username: string): ShownPresence => presence.get(username) ?? 'offline';
    markPresence(this.parts.members, presenceOf);
    this.headerDot?.remove();
    this.headerDot = undefined;
    const other = chat?.group.members.length === 2 ? chat.group.members.find((m) => !m.isMe) : undefined;
    if (other && this.parts.titleLine) {
      this.headerDot = presenceDot(this.doc, presenceOf(other.username));
      this.parts.titleLine.append(this.headerDot);
    }
    const small = chat !== undefined && chat.group.members.length <= SEEN_BY_MAX_MEMBERS;
    this.seenBy.show(small ? seenByNames(chat.messages.at(-1), view?.reads ?? [], this.parts.me()) : []);
  }
}
