import { Migration20261125000000_initial } from './Migration20261125000000_initial';
import { Migration20261201000000_group_log } from './Migration20261201000000_group_log';
import { Migration20261210000000_secret_file_and_token_families } from './Migration20261210000000_secret_file_and_token_families';
import { Migration20261215000000_group_topic } from './Migration20261215000000_group_topic';
import { Migration20261220000000_server_admins } from './Migration20261220000000_server_admins';
import { Migration20261221000000_invites } from './Migration20261221000000_invites';
import { Migration20261222000000_account_status } from './Migration20261222000000_account_status';
import { Migration20261223000000_recovery_key } from './Migration20261223000000_recovery_key';
import { Migration20261224000000_rate_limits } from './Migration20261224000000_rate_limits';
import { Migration20261227000000_direct_messages } from './Migration20261227000000_direct_messages';
import { Migration20261228000000_files } from './Migration20261228000000_files';
import { Migration20261229000000_thread_tags } from './Migration20261229000000_thread_tags';
import { Migration20261230000000_shared_read_position } from './Migration20261230000000_shared_read_position';

/** Listed explicitly, in order, so they run from a bundle as well as from source. */
export const migrationsList = [
  { name: 'Migration20261125000000_initial', class: Migration20261125000000_initial },
  { name: 'Migration20261201000000_group_log', class: Migration20261201000000_group_log },
  { name: 'Migration20261210000000_secret_file_and_token_families', class: Migration20261210000000_secret_file_and_token_families },
  { name: 'Migration20261215000000_group_topic', class: Migration20261215000000_group_topic },
  { name: 'Migration20261220000000_server_admins', class: Migration20261220000000_server_admins },
  { name: 'Migration20261221000000_invites', class: Migration20261221000000_invites },
  { name: 'Migration20261222000000_account_status', class: Migration20261222000000_account_status },
  { name: 'Migration20261223000000_recovery_key', class: Migration20261223000000_recovery_key },
  { name: 'Migration20261224000000_rate_limits', class: Migration20261224000000_rate_limits },
  { name: 'Migration20261227000000_direct_messages', class: Migration20261227000000_direct_messages },
  { name: 'Migration20261228000000_files', class: Migration20261228000000_files },
  { name: 'Migration20261229000000_thread_tags', class: Migration20261229000000_thread_tags },
  { name: 'Migration20261230000000_shared_read_position', class: Migration20261230000000_shared_read_position },
];
