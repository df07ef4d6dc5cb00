import type { Resources } from './en';
import { common } from './ru/common';
import { errors } from './ru/errors';
import { notifications } from './ru/notifications';
import { api } from './ru/api';
import { parent } from './ru/parent';
import { staff } from './ru/staff';
import { supervisor } from './ru/supervisor';
import { referralPdf } from './ru/referralPdf';

// Russian: the seed's own wording wherever it has one (../../../shared/seed, the parents' guide).
export const ru: Resources = { common, errors, notifications, api, parent, staff, supervisor, referralPdf };
