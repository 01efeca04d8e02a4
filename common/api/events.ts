import { Type, type Static } from 'typebox';
import { Generation, GroupId, Username } from './primitives';
import { MessageView } from './messages';
import { EphemeralClientFrame, PresenceEvent, PresenceSnapshot, ReadEvent, TypingEvent } from './presence';

/** WebSocket close code: missing, invalid or expired token in the auth frame. */
export const CLOSE_UNAUTHORIZED = 4401;
/** WebSocket close code: a server admin deactivated or deleted the account; signed out, do not reconnect. */
export const CLOSE_ACCOUNT_DEACTIVATED = 4403;
/** WebSocket close code: the server's event feed restarted; reconnect and catch up with ?after=seq. */
export const CLOSE_RECONNECT = 1012;
/** Seconds a new socket has to send its auth frame. */
export const AUTH_FRAME_TIMEOUT_SECONDS = 10;

// Client -> server frames.
export const AuthFrame = Type.Object({ type: Type.Literal('auth'), token: Type.String() });
export type AuthFrame = Static<typeof AuthFrame>;
export const PingFrame = Type.Object({ type: Type.Literal('ping') });
export type PingFrame = Static<typeof PingFrame>;
export const ClientFrame = Type.Union([AuthFrame, PingFrame, EphemeralClientFrame]);
export type ClientFrame = Static<typeof ClientFrame>;

// Server -> client frames.
export const ReadyFrame = Type.Object({ type: Type.Literal('ready'), username: Username });
export type ReadyFrame = Static<typeof ReadyFrame>;
export const PongFrame = Type.Object({ type: Type.Literal('pong') });
export type PongFrame = Static<typeof PongFrame>;

export const MessageEvent = Type.Object({ type: Type.Literal('message'), groupId: GroupId, message: MessageView });
export type MessageEvent = Static<typeof MessageEvent>;

export const MemberAction = Type.Union([
  Type.Literal('added'), Type.Literal('removed'), Type.Literal('left'), Type.Literal('promoted'), Type.Literal('demoted'),
  // The member's account (server claims: they prompt an admin, they change no group).
  Type.Literal('deactivated'), Type.Literal('reactivated'), Type.Literal('deleted'),
]);
export type MemberAction = Static<typeof MemberAction>;
export const MemberEvent = Type.Object({ type: Type.Literal('member'), groupId: GroupId, action: MemberAction, username: Username });
export type MemberEvent = Static<typeof MemberEvent>;

export const KeyEvent = Type.Object({ type: Type.Literal('key'), groupId: GroupId, generation: Generation });
export type KeyEvent = Static<typeof KeyEvent>;

export const GroupAction = Type.Union([
  Type.Literal('created'), Type.Literal('deleted'), Type.Literal('needs-rotation'), Type.Literal('log-started'), Type.Literal('renamed'), Type.Literal('topic-changed'),
]);
export type GroupAction = Static<typeof GroupAction>;
export const GroupEvent = Type.Object({ type: Type.Literal('group'), groupId: GroupId, action: GroupAction });
export type GroupEvent = Static<typeof GroupEvent>;

export const ChatEvent = Type.Union([MessageEvent, MemberEvent, KeyEvent, GroupEvent]);
export type ChatEvent = Static<typeof ChatEvent>;

export const ServerFrame = Type.Union([
  ReadyFrame, PongFrame, MessageEvent, MemberEvent, KeyEvent, GroupEvent, TypingEvent, PresenceEvent, PresenceSnapshot, ReadEvent,
]);
export type ServerFrame = Static<typeof ServerFrame>;
