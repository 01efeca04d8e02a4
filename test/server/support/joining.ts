import type { FastifyInstance } from 'fastify';
import type { CreateInviteAnswer, CreateInviteBody, LoginAnswer } from '../../../common/api';
import { prepareSetupCode } from '../../../server/store/setup-code';
import { call, registerBody, uniqueName, type Session } from './api';

/** Registers with extra body fields (inviteCode, setupCode); the answer as it came. */
export function register(app: FastifyInstance, username: string, extra: { inviteCode?: string; setupCode?: string } = {}) {
  const body = registerBody(username);
  return { body, answer: call(app, 'POST', '/api/auth/register', { body: { ...body, ...extra } }) };
}

/** Registers (the answer must be 201) and signs in. */
export async function join(app: FastifyInstance, extra: { inviteCode?: string; setupCode?: string } = {}, username = uniqueName()): Promise<Session> {
  const { body, answer } = register(app, username, extra);
  const res = await answer;
  if (res.status !== 201) throw new Error(`register answered ${res.status}: ${res.body}`);
  const login = await call<LoginAnswer>(app, 'POST', '/api/auth/login', { body: { username, authKeyB64: body.authKeyB64 } });
  if (login.status !== 200) throw new Error(`login answered ${login.status}: ${login.body}`);
  return { username, token: login.json.accessToken, refreshToken: login.json.refreshToken, authKeyB64: body.authKeyB64, registered: body };
}

/** The first server admin, made with the setup code this database has live (made here if none is). */
export async function firstServerAdmin(app: FastifyInstance): Promise<{ admin: Session; setupCode: string }> {
  const setup = await prepareSetupCode(app.orm.em.fork().getKnex());
  if (setup.kind !== 'created') throw new Error(`expected a fresh setup code, got ${setup.kind}`);
  return { admin: await join(app, { setupCode: setup.code }), setupCode: setup.code };
}

export async function invite(app: FastifyInstance, by: Session, body: CreateInviteBody = {}): Promise<CreateInviteAnswer> {
  const res = await call<CreateInviteAnswer>(app, 'POST', '/api/admin/invites', { token: by.token, body });
  if (res.status !== 201) throw new Error(`create invite answered ${res.status}: ${res.body}`);
  return res.json;
}

export async function userExists(app: FastifyInstance, username: string): Promise<boolean> {
  return (await app.orm.em.fork().getKnex()('users').where({ username }).first('username')) !== undefined;
}
