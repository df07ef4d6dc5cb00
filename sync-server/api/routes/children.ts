import { z } from 'zod';
import { lookupPerson } from '../../auth';
import { type Child, collectionOf } from '../../schema';
import { ApiError } from '../api-error';
import { iinField } from '../fields';
import { child, person } from '../../../src/contract';
import { type RouteSpec, route } from '../route';
import { childView, fullName } from '../views';

/** A child's id comes from the IIN: one child, one record, one parent account (docs/domain.md). */
export const childId = (iin: string) => `child:${iin}`;

/** "Мои дети" → "Добавить ребенка" → "Проверить ИИН" → "Сохранить". */
export function childrenRoutes(): RouteSpec[] {
  return [
    route({
      method: 'post',
      path: '/children/check',
      operationId: 'checkChildIin',
      response: person.extend({ fullName: z.string() }),
      tag: 'children',
      summary: '"Проверить ИИН": the child’s data from the registry, to confirm before saving',
      access: 'parent',
      body: z.object({ iin: iinField }),
      errors: ['invalidIin', 'iinNotFound', 'iinMismatch', 'childAlreadyAdded', 'childOfAnotherParent'],
      handle: async ({ ctx, body, parent }) => {
        const person = await lookupPerson(ctx, body.iin);
        await refuseTaken(ctx, person.iin, parent!.id, parent!.iin);
        return { ...person, fullName: fullName(person) };
      },
    }),
    route({
      method: 'post',
      path: '/children',
      operationId: 'addChild',
      response: child,
      tag: 'children',
      summary: '"Сохранить": add the child with the registry’s data',
      access: 'parent',
      status: 201,
      body: z.object({ iin: iinField }),
      errors: ['invalidIin', 'iinNotFound', 'iinMismatch', 'childAlreadyAdded', 'childOfAnotherParent'],
      handle: async ({ ctx, body, parent }) => {
        const person = await lookupPerson(ctx, body.iin);
        await refuseTaken(ctx, person.iin, parent!.id, parent!.iin);
        const now = ctx.now();
        const child: Child = {
          id: childId(person.iin),
          iin: person.iin,
          lastName: person.lastName,
          firstName: person.firstName,
          ...(person.middleName ? { middleName: person.middleName } : {}),
          birthDate: person.birthDate,
          sex: person.sex,
          parentId: parent!.id,
          createdAt: now.toISOString(),
          updatedAt: now.getTime(),
        };
        try {
          await collectionOf(ctx.db, 'children').insert(child);
        } catch (e) {
          // Two parents saving the same child at once: the primary key lets only one in.
          if ((e as { code?: string }).code === 'CONFLICT')
            await refuseTaken(ctx, person.iin, parent!.id, parent!.iin);
          throw e;
        }
        return childView(child);
      },
    }),
    route({
      method: 'get',
      path: '/children',
      operationId: 'listChildren',
      response: z.array(child),
      tag: 'children',
      summary: '"Мои дети"',
      access: 'parent',
      handle: async ({ ctx, parent }) => {
        const docs = await collectionOf(ctx.db, 'children')
          .find({ selector: { parentId: parent!.id } })
          .exec();
        const items = docs.map((d) => childView(d.toJSON() as Child));
        return items.sort((a, b) => b.birthDate.localeCompare(a.birthDate) || a.id.localeCompare(b.id));
      },
    }),
  ];
}

async function refuseTaken(
  ctx: Parameters<typeof lookupPerson>[0],
  iin: string,
  parentId: string,
  parentIin?: string,
) {
  if (iin === parentIin) throw new ApiError(422, 'childIsParent', {}, 'iin');
  const existing = await collectionOf(ctx.db, 'children').findOne(childId(iin)).exec();
  if (!existing) return;
  if (existing.parentId === parentId) throw new ApiError(409, 'childAlreadyAdded', {}, 'iin');
  throw new ApiError(409, 'childOfAnotherParent', {}, 'iin');
}
