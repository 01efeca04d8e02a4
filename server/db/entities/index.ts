import { EndedSignIn } from './ended-sign-in.entity';
import { FileChunk } from './file-chunk.entity';
import { Group } from './group.entity';
import { GroupLinkRow } from './group-link.entity';
import { GroupMemberKey } from './group-member-key.entity';
import { GroupMembership } from './group-membership.entity';
import { GroupMessage } from './group-message.entity';
import { Invite } from './invite.entity';
import { InviteUse } from './invite-use.entity';
import { RecoveryKey } from './recovery-key.entity';
import { RateLimit } from './rate-limit.entity';
import { RefreshToken } from './refresh-token.entity';
import { ServerSetup } from './server-setup.entity';
import { StoredFile } from './stored-file.entity';
import { User } from './user.entity';

export {
  EndedSignIn, Group, GroupLinkRow, GroupMemberKey, GroupMembership, GroupMessage, Invite, InviteUse, RateLimit, RecoveryKey, RefreshToken, ServerSetup, User,
  StoredFile, FileChunk,
};

/** Listed explicitly: folder discovery does not survive bundling. */
export const entities = [
  User, RefreshToken, Group, GroupMembership, GroupMemberKey, GroupMessage, GroupLinkRow, RecoveryKey, RateLimit, ServerSetup, Invite, InviteUse, EndedSignIn,
  StoredFile, FileChunk,
];
