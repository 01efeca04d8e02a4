// The problem a snippet was shared about ("Ask the team"): its severity as an icon and a word,
// who reported it under which code, its message and line. All by textContent.
import type { SnippetDiagnostic } from '../../common/messages/snippet-diagnostic';
import { diagnosticOrigin } from '../../common/messages/snippet-diagnostic';

const SEVERITY_ICONS: Record<SnippetDiagnostic['severity'], string> = { error: '⛔', warning: '⚠', information: 'ℹ', hint: '💡' };

export function renderSnippetDiagnostic(doc: Document, d: SnippetDiagnostic): HTMLElement {
  const box = doc.createElement('div');
  box.className = `snippet-diagnostic severity-${d.severity}`;
  box.setAttribute('role', 'note');
  const icon = doc.createElement('span');
  icon.className = 'diagnostic-icon';
  icon.textContent = SEVERITY_ICONS[d.severity];
  icon.title = d.severity;
  icon.setAttribute('aria-label', d.severity);
  const origin = diagnosticOrigin(d);
  const text = doc.createElement('span');
  text.className = 'diagnostic-message';
  text.textContent = origin ? `${origin}: ${d.message}` : d.message;
  const where = doc.createElement('span');
  where.className = 'diagnostic-line';
  where.textContent = `line ${d.line}${d.column ? `:${d.column}` : ''}`;
  box.append(icon, text, where);
  return box;
}
