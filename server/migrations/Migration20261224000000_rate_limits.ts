import { Migration } from '@mikro-orm/migrations';

/** Sign-in rate limits in the database, so that every process behind a load balancer counts the same attempts. */
export class Migration20261224000000_rate_limits extends Migration {
  override async up(): Promise<void> {
    this.addSql(`create table "rate_limits" (
      "key" varchar(64) not null,
      "count" int not null,
      "reset_at" timestamptz not null,
      constraint "rate_limits_pkey" primary key ("key"));`);
    this.addSql(`create index "rate_limits_reset_at_index" on "rate_limits" ("reset_at");`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "rate_limits" cascade;`);
  }
}
