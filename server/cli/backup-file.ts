import { createHash } from 'node:crypto';
import { readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { CommandFailed } from './command';

/**
 * A backup file: this first line, one line of JSON saying what is in it, then PGlite's
 * gzipped tarball of its data folder. The checksum finds a torn or altered copy before a
 * restore replaces anything with it.
 */
const MAGIC = 'TeamChat embedded database backup\n';
const FORMAT = 1;

export interface BackupInfo {
  format: number;
  createdAt: string;
  /** The migrations the database had run, in order: what version of TeamChat wrote it. */
  migrations: string[];
  accounts: number;
  messages: number;
  bytes: number;
  sha256: string;
}

function count(n: number, noun: string): string {
  return `${n} ${noun}${n === 1 ? '' : 's'}`;
}

/** e.g. "3 accounts, 1 message": for what backup and restore print. */
export function contents(info: Pick<BackupInfo, 'accounts' | 'messages'>): string {
  return `${count(info.accounts, 'account')}, ${count(info.messages, 'message')}`;
}

function sha256(data: Buffer): string {
  return createHash('sha256').update(data).digest('hex');
}

/** Writes beside the file and renames, so a crash never leaves half a backup under its name. */
export function writeBackupFile(file: string, about: Pick<BackupInfo, 'migrations' | 'accounts' | 'messages'>, tarball: Buffer): BackupInfo {
  const info: BackupInfo = { format: FORMAT, createdAt: new Date().toISOString(), ...about, bytes: tarball.length, sha256: sha256(tarball) };
  const partial = `${file}.partial`;
  try {
    writeFileSync(partial, Buffer.concat([Buffer.from(`${MAGIC}${JSON.stringify(info)}\n`), tarball]), { mode: 0o600 });
    renameSync(partial, file);
  } catch (error) {
    rmSync(partial, { force: true });
    throw new CommandFailed(`Could not write the backup to ${file}: ${(error as Error).message}.`);
  }
  return info;
}

/** Reads and checks a backup; refuses anything that is not a whole one. */
export function readBackupFile(file: string): { info: BackupInfo; tarball: Buffer } {
  let data: Buffer;
  try {
    data = readFileSync(file);
  } catch (error) {
    throw new CommandFailed(`Could not read ${file}: ${(error as Error).message}.`);
  }
  const notOurs = new CommandFailed(`${file} is not a TeamChat backup (one that "teamchat-server backup" wrote); nothing was changed.`);
  if (!data.subarray(0, MAGIC.length).equals(Buffer.from(MAGIC))) throw notOurs;
  const lineEnd = data.indexOf(0x0a, MAGIC.length);
  if (lineEnd < 0) throw notOurs;
  let info: BackupInfo;
  try {
    info = JSON.parse(data.subarray(MAGIC.length, lineEnd).toString('utf8')) as BackupInfo;
  } catch {
    throw notOurs;
  }
  if (info.format !== FORMAT) {
    throw new CommandFailed(`${file} is a TeamChat backup of format ${String(info.format)}, which this version cannot read; restore it with the version that wrote it.`);
  }
  const tarball = data.subarray(lineEnd + 1);
  if (tarball.length !== info.bytes || sha256(tarball) !== info.sha256) {
    throw new CommandFailed(`${file} is damaged: it does not match its own checksum (cut short or altered); nothing was changed.`);
  }
  return { info, tarball };
}
