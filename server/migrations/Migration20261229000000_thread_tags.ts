import { Migration } from '@mikro-orm/migrations';

/** Threads (issue 16): the opaque tag a thread reply carries, indexed so a thread pages on its own. */
export class Migration20261229000000_thread_tags extends Migration {
  override async up(): Promise<void> {
    this.addSql(`alter table "group_messages" add column "thread_tag" varchar(64) null;`);
    this.addSql(`create index "group_messages_thread_tag_index" on "group_messages" ("group_id", "thread_tag", "seq");`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop index "group_messages_thread_tag_index";`);
    this.addSql(`alter table "group_messages" drop column "thread_tag";`);
  }
}
