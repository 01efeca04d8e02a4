// The server question, asked first: the box stays open until a TeamChat server answers at the
// address (or the user cancels), so nobody types a username and a passphrase twice for a typo.
import * as vscode from 'vscode';
import { probeServer } from '../client/api/server-probe';

/** A reachable server's canonical address, or undefined when the user cancels. */
export function askReachableServer(initial: string, problem?: string): Promise<string | undefined> {
  const box = vscode.window.createInputBox();
  box.title = 'TeamChat server';
  box.prompt = "Your team's TeamChat server (https; plain http only for localhost). Enter checks that it answers.";
  box.value = initial || 'https://';
  box.ignoreFocusOut = true;
  if (problem) box.validationMessage = problem;
  return new Promise((resolve) => {
    let done = false;
    const finish = (value: string | undefined) => {
      if (done) return;
      done = true;
      resolve(value);
      box.dispose();
    };
    box.onDidChangeValue(() => (box.validationMessage = undefined));
    box.onDidHide(() => finish(undefined));
    box.onDidAccept(async () => {
      if (box.busy) return;
      box.busy = true;
      box.enabled = false;
      const probe = await probeServer(box.value);
      box.busy = false;
      box.enabled = true;
      if (probe.ok) finish(probe.url);
      else box.validationMessage = probe.problem;
    });
    box.show();
  });
}

/** The address if a server answers there now; otherwise the question, with what went wrong. */
export async function reachableServer(address: string | undefined): Promise<string | undefined> {
  if (!address) return askReachableServer('');
  const probe = await probeServer(address);
  return probe.ok ? probe.url : askReachableServer(address, probe.problem);
}
