import { Migration } from '@mikro-orm/migrations';

/** Server admins (issue 15): they manage accounts on this server and can read nothing; not the admins of a group. */
export class Migration20261220000000_server_admins extends Migration {
  override async up(): Promise<void> {
    this.addSql(`alter table "users" add column "server_admin" boolean not null default false;`);
  }

  override async down(): Promise<void> {
    this.addSql(`alter table "users" drop column "server_admin";`);
  }
}
