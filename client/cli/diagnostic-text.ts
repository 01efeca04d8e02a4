// The problem a snippet was shared about ("Ask the team"), as `teamchat read` prints it above
// the code: "  [error ts 2322] line 4:7: Type 'string' is not assignable…", every character
// made safe for the terminal, a message's further lines indented.
import { diagnosticOrigin, type SnippetDiagnostic } from '../../common/messages/snippet-diagnostic';
import { terminalLine, terminalLines } from './terminal-text';

export function diagnosticLines(d: SnippetDiagnostic): string[] {
  const label = [d.severity, terminalLine(diagnosticOrigin(d))].filter(Boolean).join(' ');
  const [first = '', ...rest] = terminalLines(d.message);
  return [`  [${label}] line ${d.line}${d.column ? `:${d.column}` : ''}: ${first}`, ...rest.map((line) => `  |   ${line}`)];
}
