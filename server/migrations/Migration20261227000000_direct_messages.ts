import { Migration } from '@mikro-orm/migrations';

/**
 * Direct messages (issue 16): a group's kind, and for a live DM its two usernames, sorted, under
 * a unique key, so the database keeps one DM per pair whatever two clients race to make.
 */
export class Migration20261227000000_direct_messages extends Migration {
  override async up(): Promise<void> {
    this.addSql(`alter table "groups" add column "kind" text not null default 'group', add column "dm_pair" text null;`);
    this.addSql(`alter table "groups" add constraint "groups_dm_pair_unique" unique ("dm_pair");`);
  }

  override async down(): Promise<void> {
    this.addSql(`alter table "groups" drop constraint "groups_dm_pair_unique";`);
    this.addSql(`alter table "groups" drop column "dm_pair", drop column "kind";`);
  }
}
