/** A district supervisor's session: every supervisor route is scoped to `regionId` (issue 8). */
export interface SupervisorSession {
  userId: string;
  name: string;
  regionId: string;
}
