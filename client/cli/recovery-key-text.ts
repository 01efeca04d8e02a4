// How the CLI shows a recovery key: once, with what it is for and what losing it means.

export function recoveryKeyLines(recoveryKey: string | undefined): string[] {
  if (!recoveryKey) {
    return ['No recovery key could be made just now; run "teamchat recovery-key" to make one, or a forgotten passphrase loses your messages.'];
  }
  return [
    '',
    `Recovery key: ${recoveryKey}`,
    'It is shown this once. Write it down or keep it in a password manager, apart from this computer.',
    'If you forget your passphrase, "teamchat recover <username>" sets a new one with it.',
    'Without your passphrase or this recovery key, your messages cannot be recovered.',
  ];
}
