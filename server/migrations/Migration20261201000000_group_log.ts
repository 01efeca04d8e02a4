import { Migration } from '@mikro-orm/migrations';

/** The signed group log (docs/protocol.md): links in order, and the head's seq on the group. */
export class Migration20261201000000_group_log extends Migration {
  override async up(): Promise<void> {
    this.addSql(`alter table "groups" add column "log_seq" int not null default 0;`);
    this.addSql(`create table "group_links" (
      "group_id" uuid not null,
      "seq" int not null,
      "link" text not null,
      "hash" varchar(64) not null,
      constraint "group_links_pkey" primary key ("group_id", "seq"),
      constraint "group_links_group_id_foreign" foreign key ("group_id") references "groups" ("id") on update cascade on delete cascade);`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "group_links" cascade;`);
    this.addSql(`alter table "groups" drop column "log_seq";`);
  }
}
