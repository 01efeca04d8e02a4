/**
 * MikroORM has the pg driver hand timestamps over as PostgreSQL text ("2026-11-25 21:40:00.123+00")
 * rather than Date; this turns either into the ISO 8601 the API speaks.
 */
export function isoTime(value: Date | string): string {
  if (value instanceof Date) return value.toISOString();
  const iso = value.replace(' ', 'T').replace(/([+-]\d\d)$/, '$1:00');
  return new Date(iso).toISOString();
}
