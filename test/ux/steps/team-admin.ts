// When someone leaves the company (issue 15): a server admin deactivates carol, and alice, an
// admin of the group carol is in, is told in VS Code with one action, which removes carol: her
// own signed change, which rotates the key. The server only flagged the account; it removed
// nobody and rotated nothing. Bob is the server admin here, made one on the server host.
import * as assert from 'node:assert/strict';
import { eventually } from '../support/team';
import type { UxRun } from '../support/ux-run';

export function teamAdminSteps(run: UxRun): void {
  const { team, wb } = run;

  it('a server admin deactivates carol: alice is warned with one action, and it removes carol and rotates the key', async () => {
    const carol = await team.teammate('carol');
    const group = (await team.bob.refreshGroups()).find((g) => g.id === run.groupId);
    assert.ok(group, 'bob is in the group the steps before made');
    await wb.command('TeamChat: Add Member');
    await wb.pick('TeamChat: Add Member', group.name);
    await wb.answer(`Add to ${group.name}`, carol.username);
    await wb.notification(`Added ${carol.username} to ${group.name}`);
    const joined = await eventually('carol to be in the group', async () => (await carol.refreshGroups()).find((g) => g.id === run.groupId));

    await team.grantServerAdmin(team.bob.username);
    await team.bob.api.deactivateUser(carol.username);
    const warning = `${carol.username}'s account was deactivated: remove ${carol.username} from “${group.name}” (rotates the key)`;
    await wb.notification(warning);
    const stillIn = (await team.bob.refreshGroups()).find((g) => g.id === run.groupId);
    assert.ok(stillIn?.members.some((m) => m.username === carol.username), 'deactivation alone removes nobody');
    const remove = wb.page.locator('.notification-toast-container', { hasText: warning }).first()
      .locator('.monaco-button', { hasText: `Remove ${carol.username}` });
    await remove.waitFor({ state: 'visible' });
    await wb.page.waitForTimeout(500); // the toast slides in: the shot shows it settled
    await wb.shot('member-deactivated-notice');
    await remove.click();
    const after = await eventually('bob to see carol removed under a new key', async () => (await team.bob.refreshGroups())
      .find((g) => g.id === run.groupId && !g.members.some((m) => m.username === carol.username) && g.generation > joined.generation));
    assert.equal(after.verification.state, 'verified');
    await wb.shot('member-removed');
  });
}
