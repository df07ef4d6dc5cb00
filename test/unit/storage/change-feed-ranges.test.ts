import { describe, expect, it } from 'vitest';
import { mergeRanges } from '../../../sync-server/storage/change-feed';

// The change feed reads every remote commit that waited in one statement: the ranges it asks for must
// cover each waiting commit once, whatever order the notices and a catch-up after a lost connection came in.
describe('mergeRanges', () => {
  it('keeps separate commits apart, in ascending order', () => {
    expect(
      mergeRanges([
        [30.02, 30.05],
        [10.01, 10.01],
        [20, 20.4],
      ]),
    ).toEqual([
      [10.01, 10.01],
      [20, 20.4],
      [30.02, 30.05],
    ]);
  });

  it('folds the commits a catch-up range already covers into it, so none is read twice', () => {
    const catchUp: [number, number] = [15.01, 1e15];
    expect(mergeRanges([[10, 11], catchUp, [20, 21], [16, 16.5]])).toEqual([
      [10, 11],
      [15.01, 1e15],
    ]);
  });

  it('joins ranges that overlap in part', () => {
    expect(
      mergeRanges([
        [5, 8],
        [1, 6],
      ]),
    ).toEqual([[1, 8]]);
  });
});
