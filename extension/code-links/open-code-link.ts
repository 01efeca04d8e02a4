// A code link clicked in the panel, resolved in the reader's own VS Code: a path opens their
// file, a hash their commit, #123 their repository host's page (docs/code-aware-chat.md).
import type * as vscode from 'vscode';
import type { CodeLinkTarget } from '../../common/code/code-links';
import { openCommitLink } from './open-commit-link';
import { openIssueLink } from './open-issue-link';
import { openPathLink } from './open-path-link';

export async function openCodeLink(target: CodeLinkTarget, viewColumn: vscode.ViewColumn): Promise<unknown> {
  switch (target.kind) {
    case 'path':
      return openPathLink(target, viewColumn);
    case 'commit':
      return openCommitLink(target);
    case 'issue':
      return openIssueLink(target);
  }
}
