import { Type, type Static } from 'typebox';
import { CLOSED, EncryptedBlobB64, Generation, HISTORY_PAGE_MAX, MsgId, Seq, Timestamp, Username } from './primitives';

export const MessageView = Type.Object({
  seq: Seq,
  msgId: MsgId,
  sender: Username,
  generation: Generation,
  encryptedBlobB64: Type.String(),
  createdAt: Timestamp,
  editOf: Type.Optional(MsgId),
  deleteOf: Type.Optional(MsgId),
  editedAt: Type.Optional(Timestamp),
  deletedAt: Type.Optional(Timestamp),
});
export type MessageView = Static<typeof MessageView>;

export const PostMessageBody = Type.Object({
  msgId: MsgId,
  generation: Generation,
  encryptedBlobB64: EncryptedBlobB64,
  editOf: Type.Optional(MsgId),
  deleteOf: Type.Optional(MsgId),
  fileIds: Type.Optional(Type.Array(MsgId, { minItems: 1, maxItems: 1, uniqueItems: true, description: 'the completed upload this message carries (docs/files.md): the server ties the file to the message, to delete it with it' })),
}, CLOSED);
export type PostMessageBody = Static<typeof PostMessageBody>;

export const HistoryQuery = Type.Object({
  before: Type.Optional(Seq),
  after: Type.Optional(Seq),
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: HISTORY_PAGE_MAX })),
});
export type HistoryQuery = Static<typeof HistoryQuery>;

export const HistoryPage = Type.Object({
  messages: Type.Array(MessageView, { description: 'ascending seq' }),
  hasMore: Type.Boolean(),
});
export type HistoryPage = Static<typeof HistoryPage>;
