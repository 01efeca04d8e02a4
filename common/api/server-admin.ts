import { Type, type Static } from 'typebox';
import { Timestamp, Username } from './primitives';

/** active; deactivated (signs nobody in until reactivated); deleted (only the name and public keys stay, for ever). */
export const AccountStatus = Type.Union([Type.Literal('active'), Type.Literal('deactivated'), Type.Literal('deleted')]);
export type AccountStatus = Static<typeof AccountStatus>;

/** One account as a server admin sees it: no keys, nothing of what it reads. */
export const AdminUserView = Type.Object({
  username: Username,
  createdAt: Timestamp,
  serverAdmin: Type.Boolean(),
  status: AccountStatus,
});
export type AdminUserView = Static<typeof AdminUserView>;
export const AdminUserList = Type.Object({ users: Type.Array(AdminUserView) });
export type AdminUserList = Static<typeof AdminUserList>;

/** What a deactivate, reactivate or delete left: the account's status and the groups it is still a member of. */
export const AccountStatusAnswer = Type.Object({
  username: Username,
  status: AccountStatus,
  groups: Type.Integer({ minimum: 0, description: 'groups the account is still a member of; their admins are told to remove it' }),
});
export type AccountStatusAnswer = Static<typeof AccountStatusAnswer>;
