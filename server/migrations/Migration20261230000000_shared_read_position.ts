import { Migration } from '@mikro-orm/migrations';

/**
 * The read position a member lets the group's other members see (issue 16, docs/presence.md):
 * null while they withhold it (read receipts off), and for every member until they next read.
 */
export class Migration20261230000000_shared_read_position extends Migration {
  override async up(): Promise<void> {
    this.addSql(`alter table "group_memberships" add column "shared_read_seq" bigint null;`);
  }

  override async down(): Promise<void> {
    this.addSql(`alter table "group_memberships" drop column "shared_read_seq";`);
  }
}
