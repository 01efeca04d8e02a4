import { Type, type Static } from 'typebox';
import { MAX_LINK_CHARS } from '../group-log/link';
import {
  CLOSED, GROUP_NAME_PATTERN, GROUP_TOPIC_PATTERN, Generation, GroupId, MAX_GROUP_NAME_CHARS, MAX_GROUP_TOPIC_CHARS, SealedKeyB64, Seq, Timestamp, Username,
} from './primitives';

export const MemberView = Type.Object({
  username: Username,
  isAdmin: Type.Boolean(),
  joinedAt: Timestamp,
  accountStatus: Type.Optional(Type.Union([Type.Literal('deactivated'), Type.Literal('deleted')], {
    description: "absent while the account is active; the server's claim, so it only prompts an admin to remove the member",
  })),
  readSeq: Type.Optional(Type.Integer({ minimum: 0, maximum: Number.MAX_SAFE_INTEGER, description: "how far the member has read, if they share it and the caller shares theirs; the server's claim" })),
});
export type MemberView = Static<typeof MemberView>;

/** One of the caller's own sealed copies of a group key. */
export const SealedKeyView = Type.Object({
  generation: Generation,
  encryptedGroupKeyB64: Type.String(),
  sealedBy: Username,
});
export type SealedKeyView = Static<typeof SealedKeyView>;

export const GroupView = Type.Object({
  id: GroupId,
  name: Type.String(),
  topic: Type.String({ description: 'one line of plain text; "" when the group has none' }),
  createdBy: Username,
  createdAt: Timestamp,
  generation: Generation,
  needsRotation: Type.Boolean(),
  isAdmin: Type.Boolean(),
  lastSeq: Seq,
  readSeq: Seq,
  unread: Type.Integer({ minimum: 0, description: "messages after readSeq from others" }),
  logSeq: Type.Integer({ minimum: 0, description: 'seq of the last link of the signed group log; 0 for a group made before the log' }),
  members: Type.Array(MemberView),
  keys: Type.Array(SealedKeyView, { description: "the caller's own sealed copies, every generation held" }),
  kind: Type.Optional(Type.Union([Type.Literal('group'), Type.Literal('dm')], {
    description: "'dm' for a two-person conversation (its signed log begins with a dm link); 'group' when absent",
  })),
});
export type GroupView = Static<typeof GroupView>;

export const GroupParams = Type.Object({ id: GroupId });
export type GroupParams = Static<typeof GroupParams>;
export const GroupMemberParams = Type.Object({ id: GroupId, username: Username });
export type GroupMemberParams = Static<typeof GroupMemberParams>;

/**
 * Something visible (a letter, digit, punctuation or symbol), and no control characters
 * (PostgreSQL cannot store NUL), lone surrogates or bidi overrides (which disguise a name).
 */
export const GroupName = Type.String({
  minLength: 1,
  maxLength: MAX_GROUP_NAME_CHARS,
  pattern: GROUP_NAME_PATTERN,
});

/** One line of plain text, at most MAX_GROUP_TOPIC_CHARS; "" clears it. No control, bidi or line separator characters. */
export const GroupTopic = Type.String({ maxLength: MAX_GROUP_TOPIC_CHARS, pattern: GROUP_TOPIC_PATTERN });

/** One link of the signed group log, as its canonical text (docs/protocol.md). */
export const LinkText = Type.String({ minLength: 2, maxLength: MAX_LINK_CHARS, description: 'canonical JSON of one signed link' });

/** The signed links a change carries; a group with a log takes no change without them. */
const Links = (most: number) => Type.Optional(Type.Array(LinkText, { minItems: 1, maxItems: most }));

export const LinkView = Type.Object({ seq: Type.Integer({ minimum: 1 }), link: Type.String() });
export type LinkView = Static<typeof LinkView>;
export const LogQuery = Type.Object({
  after: Type.Optional(Type.Integer({ minimum: 0, maximum: 2147483647, description: 'links after this seq (default 0: all)' })),
}, CLOSED);
export type LogQuery = Static<typeof LogQuery>;
export const LogPage = Type.Object({ links: Type.Array(LinkView), hasMore: Type.Boolean() });
export type LogPage = Static<typeof LogPage>;
/** Starts the log of a group made before it: one `start` link by an admin. */
export const StartLogBody = Type.Object({ links: Type.Array(LinkText, { minItems: 1, maxItems: 1 }) }, CLOSED);
export type StartLogBody = Static<typeof StartLogBody>;
/** Bodies of changes that otherwise need none (promote, demote, delete). */
export const LinksBody = Type.Object({ links: Links(1) }, CLOSED);
export type LinksBody = Static<typeof LinksBody>;

export const CreateGroupBody = Type.Object({
  id: GroupId,
  name: GroupName,
  encryptedGroupKeyB64: SealedKeyB64,
  links: Links(1),
  allowSameName: Type.Optional(Type.Boolean({ description: 'make it even if the caller is in a group of this name already (409 group_name_taken otherwise)' })),
}, CLOSED);
export type CreateGroupBody = Static<typeof CreateGroupBody>;

/** Renames a group (admin); a name the caller is in another group of is taken only when asked. */
export const RenameGroupBody = Type.Object({
  name: GroupName,
  links: Links(1),
  allowSameName: Type.Optional(Type.Boolean({ description: 'rename even if the caller is in another group of this name (409 group_name_taken otherwise)' })),
}, CLOSED);
export type RenameGroupBody = Static<typeof RenameGroupBody>;
/** Sets or clears (with "") a group's topic (admin). */
export const SetTopicBody = Type.Object({ topic: GroupTopic, links: Links(1) }, CLOSED);
export type SetTopicBody = Static<typeof SetTopicBody>;

export const GroupList = Type.Object({ groups: Type.Array(GroupView) });
export type GroupList = Static<typeof GroupList>;

export const AddMemberBody = Type.Object({
  username: Username,
  keys: Type.Array(Type.Object({ generation: Generation, encryptedGroupKeyB64: SealedKeyB64 }, CLOSED), {
    minItems: 1,
    maxItems: 10000,
    description: 'must hold the current generation; older ones share history',
  }),
  links: Links(1),
}, CLOSED);
export type AddMemberBody = Static<typeof AddMemberBody>;

/** Generation g+1 sealed for exactly the members who hold the group after the change. */
export const Rotation = Type.Object({
  generation: Generation,
  keys: Type.Array(Type.Object({ username: Username, encryptedGroupKeyB64: SealedKeyB64 }, CLOSED), {
    minItems: 1,
    maxItems: 10000,
  }),
}, CLOSED);
export type Rotation = Static<typeof Rotation>;

export const RemoveMemberBody = Type.Object({ rotation: Type.Optional(Rotation), links: Links(2) }, CLOSED);
export type RemoveMemberBody = Static<typeof RemoveMemberBody>;
export const RemoveMemberAnswer = Type.Object({ generation: Generation, needsRotation: Type.Boolean() });
export type RemoveMemberAnswer = Static<typeof RemoveMemberAnswer>;

// The route's own name for a rotation (removing a member carries the same one).
/** @alias */
export const RotateBody = Type.Object({ ...Rotation.properties, links: Links(1) }, CLOSED);
export type RotateBody = Static<typeof RotateBody>;
export const RotateAnswer = Type.Object({ generation: Generation });
export type RotateAnswer = Static<typeof RotateAnswer>;

/** A direct message with `username`: generation 1 sealed to both, and its dm link (docs/direct-messages.md). */
export const CreateDirectMessageBody = Type.Object({
  id: GroupId,
  username: Username,
  keys: Type.Array(Type.Object({ username: Username, encryptedGroupKeyB64: SealedKeyB64 }, CLOSED), {
    minItems: 2,
    maxItems: 2,
    description: 'generation 1, sealed once for the caller and once for the other person',
  }),
  links: Type.Array(LinkText, { minItems: 1, maxItems: 1 }),
}, CLOSED);
export type CreateDirectMessageBody = Static<typeof CreateDirectMessageBody>;

export const ReadBody = Type.Object({
  seq: Seq,
  share: Type.Optional(Type.Boolean({ description: 'false: the other members do not see this position (read receipts off); default true' })),
}, CLOSED);
export type ReadBody = Static<typeof ReadBody>;
