import { Migration } from '@mikro-orm/migrations';

/**
 * The whole schema of TeamChat v1, named as MikroORM's schema generator names things so
 * that a generated migration starts from a clean diff. Every group-owned row goes with its
 * group (ON DELETE CASCADE); a member's sealed keys go with their membership.
 */
export class Migration20261125000000_initial extends Migration {
  override async up(): Promise<void> {
    this.addSql(`create table "server_secret" (
      "id" smallint not null,
      "secret" bytea not null,
      "created_at" timestamptz not null default now(),
      constraint "server_secret_pkey" primary key ("id"));`);

    this.addSql(`create table "users" (
      "username" varchar(32) not null,
      "kdf" jsonb not null,
      "auth_key_hash" text not null,
      "encryption_public_key" bytea not null,
      "signing_public_key" bytea not null,
      "key_vault" bytea not null,
      "created_at" timestamptz not null default now(),
      constraint "users_pkey" primary key ("username"));`);

    this.addSql(`create table "refresh_tokens" (
      "token_hash" varchar(64) not null,
      "username" varchar(32) not null,
      "expires_at" timestamptz not null,
      "created_at" timestamptz not null default now(),
      constraint "refresh_tokens_pkey" primary key ("token_hash"),
      constraint "refresh_tokens_username_foreign" foreign key ("username") references "users" ("username") on update cascade on delete cascade);`);
    this.addSql(`create index "refresh_tokens_username_index" on "refresh_tokens" ("username");`);

    this.addSql(`create table "groups" (
      "id" uuid not null,
      "name" text not null,
      "created_by" varchar(32) not null,
      "created_at" timestamptz not null default now(),
      "generation" int not null default 1,
      "needs_rotation" boolean not null default false,
      "last_seq" bigint not null default 0,
      constraint "groups_pkey" primary key ("id"),
      constraint "groups_created_by_foreign" foreign key ("created_by") references "users" ("username") on update cascade);`);

    this.addSql(`create table "group_memberships" (
      "group_id" uuid not null,
      "username" varchar(32) not null,
      "is_admin" boolean not null default false,
      "joined_at" timestamptz not null default now(),
      "read_seq" bigint not null default 0,
      constraint "group_memberships_pkey" primary key ("group_id", "username"),
      constraint "group_memberships_group_id_foreign" foreign key ("group_id") references "groups" ("id") on update cascade on delete cascade,
      constraint "group_memberships_username_foreign" foreign key ("username") references "users" ("username") on update cascade on delete cascade);`);
    // "Which groups am I in" is asked on every GET /api/groups.
    this.addSql(`create index "group_memberships_username_index" on "group_memberships" ("username");`);

    this.addSql(`create table "group_member_keys" (
      "group_id" uuid not null,
      "username" varchar(32) not null,
      "generation" int not null,
      "encrypted_group_key" bytea not null,
      "sealed_by" varchar(32) not null,
      constraint "group_member_keys_pkey" primary key ("group_id", "username", "generation"),
      constraint "group_member_keys_group_id_foreign" foreign key ("group_id") references "groups" ("id") on update cascade on delete cascade,
      constraint "group_member_keys_username_foreign" foreign key ("username") references "users" ("username") on update cascade on delete cascade,
      constraint "group_member_keys_sealed_by_foreign" foreign key ("sealed_by") references "users" ("username") on update cascade);`);
    // Not expressible in the entity definitions: removing a member removes their sealed keys.
    this.addSql(`alter table "group_member_keys" add constraint "group_member_keys_membership_foreign"
      foreign key ("group_id", "username") references "group_memberships" ("group_id", "username") on update cascade on delete cascade;`);

    this.addSql(`create table "group_messages" (
      "group_id" uuid not null,
      "seq" bigint not null,
      "msg_id" varchar(32) not null,
      "sender" varchar(32) not null,
      "generation" int not null,
      "encrypted_blob" bytea not null,
      "created_at" timestamptz not null default now(),
      "edit_of" varchar(32) null,
      "delete_of" varchar(32) null,
      "edited_at" timestamptz null,
      "deleted_at" timestamptz null,
      constraint "group_messages_pkey" primary key ("group_id", "seq"),
      constraint "group_messages_group_id_msg_id_unique" unique ("group_id", "msg_id"),
      constraint "group_messages_group_id_foreign" foreign key ("group_id") references "groups" ("id") on update cascade on delete cascade,
      constraint "group_messages_sender_foreign" foreign key ("sender") references "users" ("username") on update cascade);`);
  }

  override async down(): Promise<void> {
    for (const table of ['group_messages', 'group_member_keys', 'group_memberships', 'groups', 'refresh_tokens', 'users', 'server_secret']) {
      this.addSql(`drop table if exists "${table}" cascade;`);
    }
  }
}
