// Showing a recovery key once, and reading one back, as steps over a small UI the caller
// gives (VS Code's modal messages and clipboard in the extension, a script in the tests). The
// key goes to the dialog and, when asked, the clipboard: never to a log, a setting or an error.
import { MistypedRecoveryKeyError } from '../client';
import { readRecoveryKey } from '../client/keys/recovery-key';

export interface RecoveryKeyUi {
  /** A modal warning; the button pressed, or undefined when it is dismissed. */
  modal(message: string, detail: string, ...buttons: string[]): Promise<string | undefined>;
  copy(text: string): Promise<void>;
}

export const COPY = 'Copy Recovery Key';
export const SAVED = 'I Saved It';
export const SHOW_AGAIN = 'Show It Again';
export const WITHOUT = 'Continue Without It';

/** What is lost without it, in the words the issue asks for. */
export const NO_WAY_BACK = 'Without your passphrase or recovery key, your messages cannot be recovered: ask a server admin for a new account.';

/** Shows the key until the user says it is saved, or knowingly goes on without it. */
export async function showRecoveryKeyOnce(ui: RecoveryKeyUi, username: string, key: string): Promise<'saved' | 'not-saved'> {
  let copied = false;
  for (;;) {
    const detail = [
      key,
      '',
      copied ? 'Copied. Paste it into your password manager, or write it down, then press "I Saved It".'
        : 'This is the only time TeamChat shows it. Keep it in a password manager or on paper, apart from this computer.',
      `If you forget your passphrase, "TeamChat: Recover Account…" sets a new one with this key, and ${username}'s groups and history stay.`,
    ].join('\n');
    const choice = await ui.modal(`Your TeamChat recovery key for ${username}`, detail, COPY, SAVED);
    if (choice === SAVED) return 'saved';
    if (choice === COPY) {
      await ui.copy(key);
      copied = true;
      continue;
    }
    const again = await ui.modal('You did not confirm that you saved your recovery key.', `${NO_WAY_BACK}\nIt is not shown again after this; you can make a new one later with "TeamChat: Create Recovery Key…".`, SHOW_AGAIN, WITHOUT);
    if (again !== SHOW_AGAIN) return 'not-saved';
  }
}

/** For an input box's validateInput: why what is typed cannot be the key (a typo), or undefined. */
export function recoveryKeyProblem(typed: string): string | undefined {
  if (!typed.trim()) return 'The 56 letters and digits of your recovery key, e.g. ABCD-EFGH-…; dashes and case do not matter.';
  try {
    readRecoveryKey(typed).fill(0);
    return undefined;
  } catch (error) {
    if (error instanceof MistypedRecoveryKeyError) return error.message;
    throw error;
  }
}
