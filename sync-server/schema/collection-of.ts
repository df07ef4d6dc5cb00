import type { RxCollection, RxDatabase } from 'rxdb';
import type { CollectionName, DocOf } from '../../src/schema';
import type { Child } from './children';
import type { Otp } from './otps';
import type { Parent } from './parents';
import type { Review } from './reviews';
import type { Session } from './sessions';
import type { Setting } from './settings';
import type { Upload } from './uploads';
import type { User } from './users';

/** Every collection the server opens, by name: src/schema's and the server-only ones. */
export type ServerDocTypes = { [K in CollectionName]: DocOf<K> } & {
  users: User;
  parents: Parent;
  children: Child;
  otps: Otp;
  sessions: Session;
  uploads: Upload;
  reviews: Review;
  settings: Setting;
};

/** The typed collection of that name (the database is opened untyped by the core). */
export function collectionOf<K extends keyof ServerDocTypes>(
  db: RxDatabase,
  name: K,
): RxCollection<ServerDocTypes[K]> {
  const collection = db.collections[name];
  if (!collection) throw new Error(`collection ${name} is not open`);
  return collection as unknown as RxCollection<ServerDocTypes[K]>;
}
