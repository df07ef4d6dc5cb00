import { getChangedDocumentsSinceQuery } from 'rxdb';
import { describe, expect, it } from 'vitest';
import { changesQueryOf } from '../../../sync-server/storage/changes-query';
import { queuedChildSchema } from '../../integration/storage/application-fixture';

// rxdb-server's /pull query must take the SQL-range path (changes-query.ts); anything else must not.
const pullQuery = (lwt: number, id: string) =>
  getChangedDocumentsSinceQuery({ schema: queuedChildSchema } as never, 1000, { lwt, id });

describe("recognising rxdb-server's /pull query", () => {
  it('reads the checkpoint out of the query rxdb-server sends', () => {
    expect(changesQueryOf(pullQuery(1795595992421.07, 'child-402'), 'id')).toEqual({
      after: { lwt: 1795595992421.07, id: 'child-402' },
      rest: {},
    });
  });

  it("keeps a queryModifier's scope for the matcher", () => {
    const query = pullQuery(5, 'a');
    query.selector = { ...query.selector, status: { $eq: 'referred' } } as never;
    expect(changesQueryOf(query, 'id')?.rest).toEqual({ status: { $eq: 'referred' } });
  });

  it('leaves other queries to the general path', () => {
    const query = pullQuery(5, 'a');
    expect(changesQueryOf({ ...query, sort: [{ id: 'asc' }] } as never, 'id')).toBeUndefined();
    const otherOr = {
      ...query,
      selector: { ...query.selector, $or: [{ status: 'queued' }, { priority: true }] },
    };
    expect(changesQueryOf(otherOr as never, 'id')).toBeUndefined();
    const lwtTwice = { ...query, selector: { ...query.selector, id: { $ne: 'x' } } };
    expect(changesQueryOf(lwtTwice as never, 'id')).toBeUndefined();
  });
});
