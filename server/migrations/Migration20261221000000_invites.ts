import { Migration } from '@mikro-orm/migrations';

/**
 * Who may join (issue 15): the one live setup code (row id 1) and invites, each kept as a
 * SHA-256 of the code only, and who registered with which invite.
 */
export class Migration20261221000000_invites extends Migration {
  override async up(): Promise<void> {
    this.addSql(`create table "server_setup" (
      "id" smallint not null,
      "code_hash" varchar(64) not null,
      "created_at" timestamptz not null default now(),
      "expires_at" timestamptz not null,
      "used_at" timestamptz null,
      constraint "server_setup_pkey" primary key ("id"));`);

    this.addSql(`create table "invites" (
      "id" uuid not null,
      "code_hash" varchar(64) not null,
      "created_by" varchar(32) null,
      "created_at" timestamptz not null default now(),
      "expires_at" timestamptz not null,
      "max_uses" int not null,
      "uses" int not null default 0,
      "username" varchar(32) null,
      "revoked_at" timestamptz null,
      constraint "invites_pkey" primary key ("id"),
      constraint "invites_created_by_foreign" foreign key ("created_by") references "users" ("username") on update cascade on delete set null);`);
    this.addSql(`alter table "invites" add constraint "invites_code_hash_unique" unique ("code_hash");`);

    this.addSql(`create table "invite_uses" (
      "invite_id" uuid not null,
      "username" varchar(32) not null,
      "used_at" timestamptz not null default now(),
      constraint "invite_uses_pkey" primary key ("invite_id", "username"),
      constraint "invite_uses_invite_id_foreign" foreign key ("invite_id") references "invites" ("id") on update cascade on delete cascade,
      constraint "invite_uses_username_foreign" foreign key ("username") references "users" ("username") on update cascade on delete cascade);`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "invite_uses";`);
    this.addSql(`drop table if exists "invites";`);
    this.addSql(`drop table if exists "server_setup";`);
  }
}
