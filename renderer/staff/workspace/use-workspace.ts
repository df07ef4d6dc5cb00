import { useMemo } from 'react';
import { useClock } from '../runtime-context';
import { useReplicaStore } from '../state';
import { computeOverlay, type Workspace } from './overlay';

/** The overlay, recomputed only when a replica collection changes. */
export function useWorkspace(): Workspace {
  const kindergartens = useReplicaStore((s) => s.kindergartens);
  const groups = useReplicaStore((s) => s.groups);
  const bulletins = useReplicaStore((s) => s.bulletins);
  const applications = useReplicaStore((s) => s.applications);
  const responses = useReplicaStore((s) => s.responses);
  const referrals = useReplicaStore((s) => s.referrals);
  const actions = useReplicaStore((s) => s.actions);
  const clock = useClock();
  return useMemo(
    () =>
      computeOverlay(
        { kindergartens, groups, bulletins, applications, responses, referrals, actions },
        clock().toISOString(),
      ),
    // The clock is read when a collection changes, not on every render.
    [kindergartens, groups, bulletins, applications, responses, referrals, actions, clock],
  );
}
