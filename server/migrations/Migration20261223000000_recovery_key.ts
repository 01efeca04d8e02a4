import { Migration } from '@mikro-orm/migrations';

/** Recovery keys (issue 15): the vault sealed under the user's recovery key and a hash of its auth key, one row per user. */
export class Migration20261223000000_recovery_key extends Migration {
  override async up(): Promise<void> {
    this.addSql(`create table "recovery_keys" (
      "username" varchar(32) not null,
      "auth_key_hash" bytea not null,
      "key_vault" bytea not null,
      "created_at" timestamptz not null default now(),
      constraint "recovery_keys_pkey" primary key ("username"),
      constraint "recovery_keys_username_foreign" foreign key ("username") references "users" ("username") on update cascade on delete cascade);`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table "recovery_keys";`);
  }
}
