import { Migration } from '@mikro-orm/migrations';

/**
 * The token secret leaves the database (it lives in a 0600 file or JWT_SECRET now, so a dump
 * signs in nobody), and refresh tokens get families for reuse detection. A token kept from
 * before becomes a family of its own. The old secret is not carried over: it is in every old
 * backup, so access tokens signed with it are refused from here on and clients refresh.
 */
export class Migration20261210000000_secret_file_and_token_families extends Migration {
  override async up(): Promise<void> {
    this.addSql(`drop table if exists "server_secret" cascade;`);
    this.addSql(`alter table "refresh_tokens" add column "family_id" uuid not null default gen_random_uuid(), add column "spent_at" timestamptz null;`);
    this.addSql(`alter table "refresh_tokens" alter column "family_id" drop default;`);
    this.addSql(`create index "refresh_tokens_family_id_index" on "refresh_tokens" ("family_id");`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop index "refresh_tokens_family_id_index";`);
    this.addSql(`alter table "refresh_tokens" drop column "spent_at", drop column "family_id";`);
    this.addSql(`create table "server_secret" (
      "id" smallint not null,
      "secret" bytea not null,
      "created_at" timestamptz not null default now(),
      constraint "server_secret_pkey" primary key ("id"));`);
  }
}
