// Typing, presence and read positions: ephemeral frames on the event socket (docs/presence.md).
// None of them is stored; the server checks each sender is a member and takes the sender's
// name from the socket's sign-in, never from the frame.
import { Type, type Static } from 'typebox';
import { CLOSED, GroupId, Seq, Username } from './primitives';

/** The client sends at most one typing frame per group in this time while the user types. */
export const TYPING_RESEND_MS = 3_000;
/** A typing line goes away when no new typing frame came for this long. */
export const TYPING_EXPIRES_MS = 6_000;
/** Read positions are sent live (and "Seen by" shown) only in groups of at most this many members. */
export const READ_RECEIPTS_MAX_MEMBERS = 10;

// Client -> server.
export const TypingFrame = Type.Object({ type: Type.Literal('typing'), groupId: GroupId, typing: Type.Boolean() }, CLOSED);
export type TypingFrame = Static<typeof TypingFrame>;
/** `hidden`: the user does not share presence; the socket counts as none, and is told nobody's. */
export const PresenceState = Type.Union([Type.Literal('active'), Type.Literal('away'), Type.Literal('hidden')]);
export type PresenceState = Static<typeof PresenceState>;
export const PresenceFrame = Type.Object({ type: Type.Literal('presence'), state: PresenceState }, CLOSED);
export type PresenceFrame = Static<typeof PresenceFrame>;
/** Asks for the presence of a group's members; answered with a PresenceSnapshot. */
export const PresenceQueryFrame = Type.Object({ type: Type.Literal('presence-query'), groupId: GroupId }, CLOSED);
export type PresenceQueryFrame = Static<typeof PresenceQueryFrame>;
export const EphemeralClientFrame = Type.Union([TypingFrame, PresenceFrame, PresenceQueryFrame]);
export type EphemeralClientFrame = Static<typeof EphemeralClientFrame>;

// Server -> client.
export const Presence = Type.Union([Type.Literal('online'), Type.Literal('away'), Type.Literal('offline')]);
export type Presence = Static<typeof Presence>;
export const TypingEvent = Type.Object({ type: Type.Literal('typing'), groupId: GroupId, username: Username, typing: Type.Boolean() });
export type TypingEvent = Static<typeof TypingEvent>;
export const PresenceEvent = Type.Object({ type: Type.Literal('presence'), username: Username, presence: Presence });
export type PresenceEvent = Static<typeof PresenceEvent>;
/** Members not listed are offline (or do not share their presence). */
export const PresenceSnapshot = Type.Object({
  type: Type.Literal('presence-snapshot'), groupId: GroupId,
  members: Type.Array(Type.Object({ username: Username, presence: Presence })),
});
export type PresenceSnapshot = Static<typeof PresenceSnapshot>;
/** A member's read position moved (only to members who share theirs, in small groups). The server's claim. */
export const ReadEvent = Type.Object({ type: Type.Literal('read'), groupId: GroupId, username: Username, seq: Seq });
export type ReadEvent = Static<typeof ReadEvent>;
export const EphemeralEvent = Type.Union([TypingEvent, PresenceEvent, PresenceSnapshot, ReadEvent]);
export type EphemeralEvent = Static<typeof EphemeralEvent>;
