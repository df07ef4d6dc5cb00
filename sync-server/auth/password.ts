import argon2 from 'argon2';

/**
 * Passwords are stored only as argon2id hashes (docs/architecture.md, Auth). The parameters are argon2's
 * defaults for argon2id (19 MiB, t=2 would be OWASP's minimum; the library's 64 MiB, t=3 is stronger and
 * still ~50 ms on the 2-core machines).
 */
export function hashPassword(password: string): Promise<string> {
  return argon2.hash(password, { type: argon2.argon2id });
}

export async function verifyPassword(hash: string, password: string): Promise<boolean> {
  try {
    return await argon2.verify(hash, password);
  } catch {
    // A malformed stored hash is a failed login, never a crash.
    return false;
  }
}

/** The seed's step 3: "Пароль должен состоять из 8-40 символов". */
export const PASSWORD_MIN = 8;
export const PASSWORD_MAX = 40;
