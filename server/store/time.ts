/** PostgreSQL's text for a timestamptz in a UTC session: "2026-11-25 21:40:00.123456+00". */
const POSTGRES_UTC = /^(\d{4}-\d\d-\d\d) (\d\d:\d\d:\d\d)(?:\.(\d{1,6}))?\+00$/;

/**
 * MikroORM has the pg driver hand timestamps over as PostgreSQL text ("2026-11-25 21:40:00.123+00")
 * rather than Date; this turns either into the ISO 8601 the API speaks. The usual UTC text is
 * rewritten by slicing (a history page holds 50 of them, and parsing each into a Date was a
 * tenth of the page's CPU); digits past the millisecond are cut, as Date parsing cuts them.
 */
export function isoTime(value: Date | string): string {
  if (value instanceof Date) return value.toISOString();
  const utc = POSTGRES_UTC.exec(value);
  if (utc) return `${utc[1]}T${utc[2]}.${`${utc[3] ?? ''}000`.slice(0, 3)}Z`;
  const iso = value.replace(' ', 'T').replace(/([+-]\d\d)$/, '$1:00');
  return new Date(iso).toISOString();
}
