// What the status bar item says: the connection state and the unread count, in the same words
// as the activity-bar badge's tooltip (unread-count.ts).
import type { ConnectionState } from '../common/webview-protocol';
import { unreadWords, type UnreadCount } from './unread-count';

const ICON: Record<ConnectionState, string> = {
  'signed-out': '$(comment-discussion)',
  locked: '$(lock)',
  connecting: '$(sync~spin)',
  online: '$(comment-discussion)',
  offline: '$(debug-disconnect)',
};

const WORDS: Record<ConnectionState, string> = {
  'signed-out': 'signed out',
  locked: 'locked',
  connecting: 'connecting',
  online: 'online',
  offline: 'offline, reconnecting',
};

export function statusBarText(state: ConnectionState, unread: UnreadCount): { text: string; tooltip: string } {
  const n = unread.messages;
  const count = n > 0 ? ` ${n > 99 ? '99+' : n}` : '';
  return {
    text: `${ICON[state]} TeamChat${count}`,
    tooltip: `TeamChat: ${WORDS[state]}${n > 0 ? `, ${unreadWords(unread)}` : ''}. ${state === 'locked' ? 'Click to unlock.' : 'Click to open the chat.'}`,
  };
}
