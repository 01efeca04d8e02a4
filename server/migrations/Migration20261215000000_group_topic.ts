import { Migration } from '@mikro-orm/migrations';

/** A group's topic (issue 14): one line set by an admin's `topic` link; '' for none, as every group has until then. */
export class Migration20261215000000_group_topic extends Migration {
  override async up(): Promise<void> {
    this.addSql(`alter table "groups" add column "topic" text not null default '';`);
  }

  override async down(): Promise<void> {
    this.addSql(`alter table "groups" drop column "topic";`);
  }
}
