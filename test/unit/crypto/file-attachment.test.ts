import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { ParameterError } from '../../../common/crypto';
import { parseEnvelope, type MessageEnvelope } from '../../../common/messages/envelope';
import type { FileAttachment } from '../../../common/messages/file-attachment';

describe('file message envelope', () => {
  const file: FileAttachment = {
    id: 'b'.repeat(32), key: randomBytes(32).toString('base64'), sha256: 'c'.repeat(64),
    name: 'report.pdf', type: 'application/pdf', size: 600 * 1024, chunkSize: 256 * 1024, chunks: 3,
  };
  const message: MessageEnvelope = { v: 1, kind: 'file', body: '', sentAt: '2026-12-01T17:00:00.000Z', file };

  it('parses a file message with or without a comment and a thumbnail, keeping only known fields', () => {
    assert.deepEqual(parseEnvelope(message), message);
    const thumbnail = { type: 'image/png' as const, dataB64: randomBytes(300).toString('base64'), width: 64, height: 48 };
    const full = { ...message, body: 'the report', file: { ...file, thumbnail } };
    assert.deepEqual(parseEnvelope(full), full);
    assert.deepEqual(parseEnvelope({ ...message, file: { ...file, path: '/etc/passwd', __proto__: { polluted: true } } }), message);
    assert.deepEqual(parseEnvelope({ ...message, file: { ...file, size: 0, chunks: 1 } }).file?.size, 0, 'an empty file is one empty chunk');
  });

  it('refuses a file message without a file, a file on another kind, and every bad field', () => {
    const bad: unknown[] = [
      { ...message, file: undefined },
      { ...message, kind: 'text', body: 'hi' },
      { ...message, file: 'report.pdf' },
      { ...message, file: { ...file, id: 'B'.repeat(32) } },
      { ...message, file: { ...file, key: randomBytes(16).toString('base64') } },
      { ...message, file: { ...file, key: randomBytes(32).toString('base64url') } },
      { ...message, file: { ...file, sha256: 'c'.repeat(63) } },
      { ...message, file: { ...file, name: '' } },
      { ...message, file: { ...file, name: 'x'.repeat(256) } },
      { ...message, file: { ...file, name: '../../.bashrc' } },
      { ...message, file: { ...file, name: 'C:\\evil.exe' } },
      { ...message, file: { ...file, name: 'invoice\u202Efdp.exe' } },
      { ...message, file: { ...file, name: 'bell\u0007.txt' } },
      { ...message, file: { ...file, name: 'line\nbreak.txt' } },
      { ...message, file: { ...file, name: '..' } },
      { ...message, file: { ...file, name: ' padded.txt' } },
      { ...message, file: { ...file, type: 'text/plain; charset=utf-8' } },
      { ...message, file: { ...file, type: 'not a type' } },
      { ...message, file: { ...file, size: -1 } },
      { ...message, file: { ...file, size: 1.5 } },
      { ...message, file: { ...file, chunks: 2 } },
      { ...message, file: { ...file, chunkSize: 100, chunks: 6144 } },
      { ...message, file: { ...file, thumbnail: { type: 'image/svg+xml', dataB64: 'AAAA', width: 1, height: 1 } } },
      { ...message, file: { ...file, thumbnail: { type: 'image/png', dataB64: randomBytes(24 * 1024 + 3).toString('base64'), width: 1, height: 1 } } },
      { ...message, file: { ...file, thumbnail: { type: 'image/png', dataB64: 'AAAA', width: 0, height: 1 } } },
      { ...message, file: { ...file, thumbnail: { type: 'image/png', dataB64: '<svg>', width: 1, height: 1 } } },
    ];
    for (const value of bad) assert.throws(() => parseEnvelope(value), ParameterError, JSON.stringify(value).slice(0, 200));
  });
});
