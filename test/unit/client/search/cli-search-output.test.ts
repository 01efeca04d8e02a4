import assert from 'node:assert/strict';
import { PassThrough } from 'node:stream';
import { createOutput } from '../../../../client/cli/output';
import { formatResult, queryText } from '../../../../client/cli/commands/search';
import { SHORT_HOSTILE_STRINGS } from '../../../support/hostile-strings';
import { terminalProblems } from '../../../support/terminal-check';
import { msg, searchWith } from './search-support';

function printed(lines: string[]): string {
  const stdout = new PassThrough();
  createOutput(false, stdout, new PassThrough()).result([], lines);
  return String(stdout.read() ?? '');
}

describe('teamchat search output', () => {
  it('marks the match and shows group, seq, time and sender', () => {
    const t = searchWith([{ id: 'g1', name: 'General' }]);
    t.deliver('g1', [msg('g1', 3, { body: 'the deploy failed', sender: 'bob', createdAt: '2026-11-25T21:34:00.000Z' })]);
    assert.deepEqual(t.search.search('deploy').map(formatResult), ['General #3 2026-11-25 21:34 bob: the «deploy» failed']);
  });

  it('never lets member text (body, sender or group name) reach the terminal as controls or fake lines', () => {
    for (const hostile of SHORT_HOSTILE_STRINGS) {
      const t = searchWith([{ id: 'g1', name: `${hostile}\n#9 fake` }]);
      t.deliver('g1', [msg('g1', 1, { body: `needle ${hostile}\n#2 2026-11-25 21:34 alice: forged`, sender: hostile })]);
      const lines = t.search.search('needle').map(formatResult);
      assert.equal(lines.length, 1, JSON.stringify(hostile));
      assert.deepEqual(terminalProblems(printed(lines), []), [], JSON.stringify(hostile));
    }
  });

  it('keeps what the shell kept together as a phrase or a filter value', () => {
    assert.equal(queryText(['build failed', 'in:team alpha', 'from:bob', '"x y"']), '"build failed" in:"team alpha" from:bob "x y"');
  });
});
