import { Migration } from '@mikro-orm/migrations';

/** Encrypted file attachments: one row per file, its ciphertext chunks beside it (docs/files.md). */
export class Migration20261228000000_files extends Migration {
  override async up(): Promise<void> {
    this.addSql(`create table "files" (
      "id" varchar(32) not null,
      "group_id" uuid not null,
      "uploader" varchar(32) not null,
      "size" bigint not null,
      "chunks" int not null,
      "chunk_size" int not null,
      "status" varchar(16) not null,
      "msg_id" varchar(32) null,
      "created_at" timestamptz not null default now(),
      constraint "files_pkey" primary key ("id"),
      constraint "files_group_id_foreign" foreign key ("group_id") references "groups" ("id") on update cascade on delete cascade,
      constraint "files_uploader_foreign" foreign key ("uploader") references "users" ("username") on update cascade);`);
    this.addSql(`create index "files_group_id_msg_id_index" on "files" ("group_id", "msg_id");`);
    this.addSql(`create index "files_uploader_index" on "files" ("uploader");`);
    this.addSql(`create index "files_created_at_index" on "files" ("created_at");`);
    this.addSql(`create table "file_chunks" (
      "file_id" varchar(32) not null,
      "idx" int not null,
      "data" bytea not null,
      constraint "file_chunks_pkey" primary key ("file_id", "idx"),
      constraint "file_chunks_file_id_foreign" foreign key ("file_id") references "files" ("id") on update cascade on delete cascade);`);
    // Ciphertext does not compress: store it out of line as it is, without trying.
    this.addSql(`alter table "file_chunks" alter column "data" set storage external;`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "file_chunks" cascade;`);
    this.addSql(`drop table if exists "files" cascade;`);
  }
}
