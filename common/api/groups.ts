import { Type, type Static } from 'typebox';
import { CLOSED, Generation, GroupId, MAX_GROUP_NAME_CHARS, SealedKeyB64, Seq, Timestamp, Username } from './primitives';

export const MemberView = Type.Object({
  username: Username,
  isAdmin: Type.Boolean(),
  joinedAt: Timestamp,
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
  createdBy: Username,
  createdAt: Timestamp,
  generation: Generation,
  needsRotation: Type.Boolean(),
  isAdmin: Type.Boolean(),
  lastSeq: Seq,
  readSeq: Seq,
  unread: Type.Integer({ minimum: 0, description: "messages after readSeq from others" }),
  members: Type.Array(MemberView),
  keys: Type.Array(SealedKeyView, { description: "the caller's own sealed copies, every generation held" }),
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
  pattern: '^(?!.*[\\p{Cc}\\p{Cs}\\u202A-\\u202E\\u2066-\\u2069])(?=.*[\\p{L}\\p{N}\\p{P}\\p{S}]).+$',
});

export const CreateGroupBody = Type.Object({
  id: GroupId,
  name: GroupName,
  encryptedGroupKeyB64: SealedKeyB64,
}, CLOSED);
export type CreateGroupBody = Static<typeof CreateGroupBody>;

export const GroupList = Type.Object({ groups: Type.Array(GroupView) });
export type GroupList = Static<typeof GroupList>;

export const AddMemberBody = Type.Object({
  username: Username,
  keys: Type.Array(Type.Object({ generation: Generation, encryptedGroupKeyB64: SealedKeyB64 }, CLOSED), {
    minItems: 1,
    maxItems: 10000,
    description: 'must hold the current generation; older ones share history',
  }),
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

export const RemoveMemberBody = Type.Object({ rotation: Type.Optional(Rotation) }, CLOSED);
export type RemoveMemberBody = Static<typeof RemoveMemberBody>;
export const RemoveMemberAnswer = Type.Object({ generation: Generation, needsRotation: Type.Boolean() });
export type RemoveMemberAnswer = Static<typeof RemoveMemberAnswer>;

export const RotateBody = Rotation;
export type RotateBody = Rotation;
export const RotateAnswer = Type.Object({ generation: Generation });
export type RotateAnswer = Static<typeof RotateAnswer>;

export const ReadBody = Type.Object({ seq: Seq }, CLOSED);
export type ReadBody = Static<typeof ReadBody>;
