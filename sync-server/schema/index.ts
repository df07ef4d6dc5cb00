// Server-only collections (accounts, parents, children, one-time codes, sessions, uploads, reviews,
// settings): never replicated (docs/architecture.md: "Parents, children and credentials live only on the
// server"). The database opens them next to src/schema's.
import { childSchema } from './children';
import { otpSchema } from './otps';
import { parentSchema } from './parents';
import { reviewSchema } from './reviews';
import { sessionSchema } from './sessions';
import { settingSchema } from './settings';
import { uploadSchema } from './uploads';
import { userSchema } from './users';

export { type Child, childSchema } from './children';
export { OTP_PURPOSES, type Otp, type OtpPurpose, otpSchema } from './otps';
export { type Parent, parentSchema } from './parents';
export { type Review, reviewSchema } from './reviews';
export { type Session, sessionSchema } from './sessions';
export { type Setting, settingSchema } from './settings';
export { UPLOAD_KINDS, type Upload, type UploadKind, uploadSchema } from './uploads';
export { type User, userSchema } from './users';

export const serverCollections = {
  users: { schema: userSchema, migrationStrategies: {} },
  parents: { schema: parentSchema, migrationStrategies: {} },
  children: { schema: childSchema, migrationStrategies: {} },
  otps: { schema: otpSchema, migrationStrategies: {} },
  sessions: { schema: sessionSchema, migrationStrategies: {} },
  uploads: { schema: uploadSchema, migrationStrategies: {} },
  reviews: { schema: reviewSchema, migrationStrategies: {} },
  settings: { schema: settingSchema, migrationStrategies: {} },
} as const;
export type ServerCollectionName = keyof typeof serverCollections;
export { collectionOf, type ServerDocTypes } from './collection-of';
