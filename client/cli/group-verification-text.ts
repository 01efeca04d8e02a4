// One line on how far a group can be trusted, for the commands that show a group.

import type { Group } from '../groups/verified-group';

export function describeVerification(group: Group): string {
  const { verification: v } = group;
  switch (v.state) {
    case 'verified':
      return `"${group.name}": members verified by its signed log (link ${v.head?.seq ?? 0}).`;
    case 'unverifiable':
      return `"${group.name}" was made before the signed log: its member list is the server's word. An admin can start its log with "teamchat log ${group.name} --start".`;
    case 'disputed':
      return `WARNING "${group.name}": ${v.problem ?? "the server's view differs from the signed log."}`;
    case 'failed':
      return `WARNING "${group.name}" [${v.reason ?? 'failed'}]: ${v.problem ?? 'its signed log did not verify.'}`;
  }
}
