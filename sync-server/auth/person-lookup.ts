import { parseIin } from '../../src/domain';
import type { PersonRecord, ServerContext } from '../context';
import { AuthError } from './auth-error';

/**
 * "Проверить ИИН" (the seed's registration step 4 and "Мои дети"): the person's data from the
 * registry, which must agree with the birth date and sex the IIN itself encodes (docs/domain.md).
 */
export async function lookupPerson(ctx: ServerContext, iin: string): Promise<PersonRecord> {
  const parsed = parseIin(iin);
  if (!parsed.ok) throw new AuthError(422, 'invalidIin', { reason: parsed.error.code, field: 'iin' });
  const person = await ctx.people.lookup(iin.trim());
  if (!person) throw new AuthError(404, 'iinNotFound', { field: 'iin' });
  if (
    person.iin !== iin.trim() ||
    person.birthDate !== parsed.value.birthDate ||
    person.sex !== parsed.value.sex
  ) {
    throw new AuthError(422, 'iinMismatch', { field: 'iin' });
  }
  return person;
}
