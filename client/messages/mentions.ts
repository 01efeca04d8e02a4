// Whether a message body mentions a user as @username: in the core so that every client
// (the extension's toasts and badges, the CLI) agrees on what a mention is. "@bob" in
// "@bobby", "@bob.smith" or "x@bob" is not a mention of bob; "@bob," and "@bob." are.

export function mentions(body: string, username: string): boolean {
  const escaped = username.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return new RegExp(`(^|[^\\w@])@${escaped}(?![\\w.-]*[\\w-])`, 'i').test(body);
}
