import type { ServerContext } from '../context';
import { collectionOf, type User } from '../schema';
import { readOne } from '../store';
import { AuthError } from './auth-error';
import { hashPassword, PASSWORD_MAX, PASSWORD_MIN, verifyPassword } from './password';

export interface NewUser {
  login: string;
  password: string;
  role: 'staff' | 'supervisor';
  name: string;
  kindergartenId?: string;
  regionId?: string;
}

const LOGIN = /^[a-z0-9][a-z0-9._-]{2,47}$/;
const userId = (login: string) => `user:${login}`;

/**
 * A staff or supervisor account (the CLI's `user add` and the demo seed). Staff belong to one
 * kindergarten, supervisors to one district (issue 5: replication scope).
 */
export async function createUser(ctx: ServerContext, input: NewUser): Promise<User> {
  const doc = await newUser(ctx, input);
  await collectionOf(ctx.db, 'users').insert(doc);
  return doc;
}

/**
 * A new account's document, checked (login, password length, role's scope, login not taken) and with
 * its password hashed, not yet written (a supervisor's change writes it with its audit entry).
 */
export async function newUser(ctx: ServerContext, input: NewUser): Promise<User> {
  const login = input.login.trim().toLowerCase();
  if (!LOGIN.test(login)) throw new AuthError(400, 'invalidLogin', { field: 'login' });
  if (input.password.length < PASSWORD_MIN || input.password.length > PASSWORD_MAX) {
    throw new AuthError(400, 'passwordLength', { min: PASSWORD_MIN, max: PASSWORD_MAX });
  }
  if (input.role === 'staff' && !input.kindergartenId) throw new AuthError(400, 'kindergartenRequired');
  if (input.role === 'supervisor' && !input.regionId) throw new AuthError(400, 'regionRequired');
  if (await readOne(collectionOf(ctx.db, 'users'), userId(login)))
    throw new AuthError(409, 'loginTaken', { login });
  const now = ctx.now();
  return {
    id: userId(login),
    login,
    passwordHash: await hashPassword(input.password),
    role: input.role,
    name: input.name.trim().slice(0, 200),
    ...(input.kindergartenId ? { kindergartenId: input.kindergartenId } : {}),
    ...(input.regionId ? { regionId: input.regionId } : {}),
    disabled: false,
    tokenVersion: 0,
    createdAt: now.toISOString(),
    updatedAt: now.getTime(),
  };
}

// Verifying against a real hash when the login is unknown keeps the answer time the same, so the
// response does not tell which logins exist.
let decoyHash: Promise<string> | null = null;

/** Staff/supervisor login; a wrong login and a wrong password give the same answer. */
export async function authenticateUser(ctx: ServerContext, login: string, password: string): Promise<User> {
  const doc = await collectionOf(ctx.db, 'users')
    .findOne(userId(String(login).trim().toLowerCase()))
    .exec();
  if (!doc) {
    decoyHash ??= hashPassword('decoy-password');
    await verifyPassword(await decoyHash, password);
    throw new AuthError(401, 'invalidCredentials');
  }
  if (!(await verifyPassword(doc.passwordHash, password))) throw new AuthError(401, 'invalidCredentials');
  if (doc.disabled) throw new AuthError(403, 'accountDisabled');
  return doc.toJSON() as User;
}
