import { useMemo } from 'react';
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
  return useMemo(
    () =>
      computeOverlay(
        { kindergartens, groups, bulletins, applications, responses, referrals, actions },
        new Date().toISOString(),
      ),
    [kindergartens, groups, bulletins, applications, responses, referrals, actions],
  );
}
