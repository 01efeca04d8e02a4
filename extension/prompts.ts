// The questions commands ask. Each returns undefined when the user cancels.
import * as vscode from 'vscode';
import { joinCodeProblem, type JoinQuestion } from '../client/admin/join-code';
import { MIN_PASSPHRASE_CHARS, newPassphraseProblem } from '../client/keys/passphrase-rule';
import * as notify from './plain-notifications';

export const USERNAME_PATTERN = /^[a-z0-9][a-z0-9._-]{1,31}$/;

export async function askUsername(current: string, title: string): Promise<string | undefined> {
  const value = await vscode.window.showInputBox({
    title,
    prompt: 'Your TeamChat username',
    value: current,
    ignoreFocusOut: true,
    validateInput: (v) => (USERNAME_PATTERN.test(v.trim()) ? undefined : '2 to 32 characters: lowercase letters, digits, ".", "_" or "-", starting with a letter or digit.'),
  });
  return value?.trim();
}

/** The invite or setup code (filled in from an invite link); '' when optional and left empty. */
export async function askJoinCode(question: JoinQuestion & { kind: 'code' }, given: string | undefined): Promise<string | undefined> {
  const code = await vscode.window.showInputBox({
    title: `TeamChat: ${question.title}`,
    prompt: question.prompt,
    value: given,
    password: true,
    ignoreFocusOut: true,
    validateInput: (v) => joinCodeProblem(v, question),
  });
  return code?.trim();
}

/** `kept`: the passphrase of an attempt that just failed, filled in (Enter keeps it, unconfirmed again). */
export async function askPassphrase(username: string, opts: { newPassphrase: boolean; kept?: string }): Promise<string | undefined> {
  const passphrase = await vscode.window.showInputBox({
    value: opts.kept,
    title: opts.newPassphrase ? `Choose a passphrase for ${username}` : `Unlock TeamChat for ${username}`,
    prompt: opts.newPassphrase
      ? `At least ${MIN_PASSPHRASE_CHARS} characters. It unlocks your keys on every device; nobody, not even the server, can recover it (only your recovery key can replace it).`
      : 'Your TeamChat passphrase (asked once per session)',
    password: true,
    ignoreFocusOut: true,
    validateInput: (v) => (opts.newPassphrase ? newPassphraseProblem(v) : undefined),
  });
  if (passphrase === undefined || !opts.newPassphrase || passphrase === opts.kept) return passphrase;
  const again = await vscode.window.showInputBox({ title: 'Type the passphrase again', password: true, ignoreFocusOut: true });
  if (again === undefined) return undefined;
  if (again !== passphrase) {
    void notify.error('The two passphrases differ. Run the command again.');
    return undefined;
  }
  return passphrase;
}

/** `previous`: the choice of an attempt that just failed, offered first. */
export async function askRememberOnDevice(previous?: boolean): Promise<boolean | undefined> {
  const choices = [
    { label: 'Ask for my passphrase each session', remember: false },
    { label: 'Remember on this device', description: 'keeps the unlocked key vault in VS Code SecretStorage until you Lock or Sign Out', remember: true },
  ];
  const pick = await vscode.window.showQuickPick(
    previous === true ? [...choices].reverse() : choices,
    { title: 'Stay unlocked?', ignoreFocusOut: true },
  );
  return pick?.remember;
}

export async function askMembers(prompt: string): Promise<string[] | undefined> {
  const value = await vscode.window.showInputBox({
    title: prompt,
    prompt: 'Usernames, separated by commas or spaces',
    ignoreFocusOut: true,
    validateInput: (v) => {
      const bad = splitNames(v).find((n) => !USERNAME_PATTERN.test(n));
      return bad ? `"${bad}" is not a valid username.` : undefined;
    },
  });
  return value === undefined ? undefined : splitNames(value);
}

export function splitNames(text: string): string[] {
  return [...new Set(text.split(/[\s,]+/).map((n) => n.replace(/^@/, '').trim().toLowerCase()).filter(Boolean))];
}

export async function confirm(message: string, action: string): Promise<boolean> {
  return (await vscode.window.showWarningMessage(message, { modal: true }, action)) === action;
}
