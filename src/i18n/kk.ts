import type { Resources } from './en';
import { common } from './kk/common';
import { errors } from './kk/errors';
import { notifications } from './kk/notifications';
import { api } from './kk/api';
import { parent } from './kk/parent';
import { staff } from './kk/staff';
import { supervisor } from './kk/supervisor';
import { referralPdf } from './kk/referralPdf';

// Kazakh (Cyrillic). Names are inserted as "… мына ұйымға: {{kindergarten}}" rather than with a case
// suffix after the placeholder, because Kazakh suffixes follow vowel harmony with the name itself.
export const kk: Resources = { common, errors, notifications, api, parent, staff, supervisor, referralPdf };
