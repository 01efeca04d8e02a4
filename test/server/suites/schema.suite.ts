import assert from 'node:assert/strict';
import type { Backend } from '../support/backends';

export function schemaSuite(backend: () => Backend): void {
  describe('schema', () => {
    it('the checked-in migrations build exactly what the entities describe (so generated migrations start clean)', async () => {
      const sql = await backend().app.orm.schema.getUpdateSchemaSQL({ wrap: false });
      const statements = sql.split(';').map((s) => s.trim()).filter(Boolean);
      // The one constraint the entity definitions cannot express: sealed keys go with their membership.
      assert.deepEqual(statements, ['alter table "group_member_keys" drop constraint "group_member_keys_membership_foreign"']);
    });
  });
}
