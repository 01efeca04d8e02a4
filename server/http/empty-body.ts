/**
 * For routes whose body is optional (a plain leave, promote or delete sends none): validate
 * the empty object a bodyless request means, so the schema still refuses stray fields.
 */
export async function emptyBody(request: { body: unknown }): Promise<void> {
  request.body ??= {};
}
