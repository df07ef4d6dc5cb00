// The reference resource tree, one file per top-level section in ./en (the parent web view fetches only
// its sections: parentSections.ts). kk and ru type each section as en's, so a key missing there fails
// tsc. Placeholders use i18next's {{name}}; `{{x, date}}` / `{{x, dateTime}}` go through formatDate /
// formatDateTime (DD.MM.YYYY, Asia/Almaty) registered in createI18n. No plural suffixes: Russian needs
// more forms than English, and every language must keep exactly the same key set.
import { common } from './en/common';
import { errors } from './en/errors';
import { notifications } from './en/notifications';
import { api } from './en/api';
import { parent } from './en/parent';
import { staff } from './en/staff';
import { supervisor } from './en/supervisor';
import { referralPdf } from './en/referralPdf';

export const en = { common, errors, notifications, api, parent, staff, supervisor, referralPdf };

export type Resources = typeof en;
