// What a 'diff' message carries inside its envelope: what was shared (the working tree, the
// staged changes, a commit or a range, of one file or the whole repository), a summary per
// file, and the unified diff itself, inline when it fits one message, else as an encrypted
// file attachment on the envelope (`file`) whose bytes are the patch. Validated here for
// sender and reader alike; type-only for the webview. docs/code-aware-chat.md.
import { ParameterError } from '../crypto/errors';

export type DiffSource = 'working' | 'staged' | 'commit' | 'range';
export type SharedDiffFileStatus = 'modified' | 'added' | 'deleted' | 'renamed' | 'copied';

export interface SharedDiffFile {
  path: string;
  oldPath?: string;
  status: SharedDiffFileStatus;
  added: number;
  removed: number;
  binary?: true;
}

export interface SharedDiff {
  source: DiffSource;
  /** For a commit: `to` is the commit (`from` its parent, if it has one); for a range: from..to. */
  from?: string;
  to?: string;
  /** The one file shared; absent: the whole repository. */
  path?: string;
  /** How the sender named it: "working tree of src/retry.ts", "a1b2c3d..e4f5a6b". */
  label: string;
  /** The sender's summary, at most DIFF_SUMMARY_MAX_FILES; `moreFiles` counts the rest. */
  files: SharedDiffFile[];
  moreFiles?: number;
  /** The unified diff, when it fits the message; else the envelope's `file` holds it. */
  patch?: string;
}

export const DIFF_SOURCES: readonly DiffSource[] = ['working', 'staged', 'commit', 'range'];
const STATUSES: readonly SharedDiffFileStatus[] = ['modified', 'added', 'deleted', 'renamed', 'copied'];
/** The envelope's own limit for text: a longer diff travels as a file. */
export const DIFF_INLINE_MAX_CHARS = 40_000;
export const DIFF_SUMMARY_MAX_FILES = 200;
const LABEL_MAX = 300;
const PATH_MAX = 1_000;
const COUNT_MAX = 10_000_000;
const REF = /^[0-9a-f]{4,64}$/;
const UNSAFE_CHARS = /[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/;

function fail(reason: string): never {
  throw new ParameterError(`The message is not valid: ${reason}.`);
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function shortText(value: unknown, field: string, max: number): string {
  if (typeof value !== 'string' || value.length === 0 || value.length > max) fail(`${field} must be 1 to ${max} characters`);
  if (UNSAFE_CHARS.test(value)) fail(`${field} must not hold control or bidi characters`);
  return value;
}

function count(value: unknown, field: string): number {
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < 0 || value > COUNT_MAX) fail(`${field} must be a count`);
  return value;
}

function ref(value: unknown, field: string): string {
  if (typeof value !== 'string' || !REF.test(value)) fail(`${field} must be a commit hash (4 to 64 lowercase hex)`);
  return value;
}

function parseFile(value: unknown, i: number): SharedDiffFile {
  if (!isRecord(value)) fail(`diff.files[${i}] must be an object`);
  const status = value.status;
  if (typeof status !== 'string' || !(STATUSES as readonly string[]).includes(status)) fail(`diff.files[${i}].status must be one of ${STATUSES.join(', ')}`);
  const file: SharedDiffFile = {
    path: shortText(value.path, `diff.files[${i}].path`, PATH_MAX),
    status: status as SharedDiffFileStatus,
    added: count(value.added, `diff.files[${i}].added`),
    removed: count(value.removed, `diff.files[${i}].removed`),
  };
  if (value.oldPath !== undefined) file.oldPath = shortText(value.oldPath, `diff.files[${i}].oldPath`, PATH_MAX);
  if (value.binary !== undefined && value.binary !== true) fail(`diff.files[${i}].binary must be true or absent`);
  if (value.binary === true) file.binary = true;
  return file;
}

/** `hasFile`: the envelope carries an attachment, which then must hold the patch. */
export function parseSharedDiff(value: unknown, hasFile: boolean): SharedDiff {
  if (!isRecord(value)) fail('diff must be an object');
  const source = value.source;
  if (typeof source !== 'string' || !(DIFF_SOURCES as readonly string[]).includes(source)) fail(`diff.source must be one of ${DIFF_SOURCES.join(', ')}`);
  if (!Array.isArray(value.files) || value.files.length > DIFF_SUMMARY_MAX_FILES) fail(`diff.files must be a list of at most ${DIFF_SUMMARY_MAX_FILES}`);
  const diff: SharedDiff = {
    source: source as DiffSource,
    label: shortText(value.label, 'diff.label', LABEL_MAX),
    files: value.files.map(parseFile),
  };
  if (value.from !== undefined) diff.from = ref(value.from, 'diff.from');
  if (value.to !== undefined) diff.to = ref(value.to, 'diff.to');
  if ((source === 'commit' || source === 'range') && diff.to === undefined) fail(`a ${source} diff names its commit (diff.to)`);
  if (source === 'range' && diff.from === undefined) fail('a range diff names where it starts (diff.from)');
  if (value.path !== undefined) diff.path = shortText(value.path, 'diff.path', PATH_MAX);
  if (value.moreFiles !== undefined) diff.moreFiles = count(value.moreFiles, 'diff.moreFiles');
  if (value.patch !== undefined) {
    if (typeof value.patch !== 'string' || value.patch.length > DIFF_INLINE_MAX_CHARS) fail(`diff.patch must be text of at most ${DIFF_INLINE_MAX_CHARS} characters`);
    diff.patch = value.patch;
  }
  if ((diff.patch === undefined) === !hasFile) fail('a diff carries its patch either inline or as its file, not both or neither');
  return diff;
}
