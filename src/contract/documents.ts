import type { Application, Bulletin, Group, Kindergarten, Notification, Referral, Response } from '../schema';

/**
 * Collections whose documents the APIs answer with as they are stored (src/schema: the one source),
 * less what is never shown: a bulletin's author login (the OpenAPI document leaves it out too).
 */
export interface DocumentTypes {
  applications: Application;
  bulletins: Omit<Bulletin, 'authorId'>;
  referrals: Referral;
  responses: Response;
  notifications: Notification;
  kindergartens: Kindergarten;
  groups: Group;
}
