// What a TeamChatClient tells its subscribers (the extension and the CLI listen).

import type { KeyChangedError } from './errors';
import type { ConnectionState } from './events/events-client';
import type { DeactivatedMember } from './groups/deactivated-members';
import type { Group } from './groups/verified-group';
import type { ChatMessage } from './messages/chat-message';

export type TeamChatEvents = {
  /** The list of groups (or something shown in it: name, members, unread, generation, verification) changed. */
  'groups-changed': [Group[]];
  /** A message this client had not shown yet (live, or fetched when catching up). */
  'message': [ChatMessage];
  /** A shown message was edited, deleted or reacted to. */
  'message-updated': [ChatMessage];
  'connection': [ConnectionState];
  /** Someone's public keys differ from the pinned ones; nothing is sealed to them until accepted. */
  'key-changed': [KeyChangedError];
  /** A member of a group I am an admin of was deactivated by a server admin: remove them (rotates the key). */
  'member-deactivated': [DeactivatedMember];
  /** The session ended for good (e.g. signed out elsewhere); sign in again. */
  'signed-out': [Error];
  /** Something the client did on its own (live events, catch-up) failed; it goes on. */
  'error': [Error];
};
