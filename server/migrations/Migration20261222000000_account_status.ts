import { Migration } from '@mikro-orm/migrations';

/**
 * Accounts a server admin deactivated or deleted (issue 15), and sign-ins ended before their
 * access tokens expire (deactivation, a passphrase change): every process keeps these in
 * memory so that an access token of an ended sign-in is refused at once, with no query per request.
 */
export class Migration20261222000000_account_status extends Migration {
  override async up(): Promise<void> {
    this.addSql(`alter table "users" add column "status" varchar(16) not null default 'active';`);
    this.addSql(`create table "ended_sign_ins" (
      "family_id" uuid not null,
      "username" varchar(32) not null,
      "ended_at" timestamptz not null default now(),
      constraint "ended_sign_ins_pkey" primary key ("family_id"));`);
    this.addSql(`create index "ended_sign_ins_ended_at_index" on "ended_sign_ins" ("ended_at");`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table "ended_sign_ins";`);
    this.addSql(`alter table "users" drop column "status";`);
  }
}
