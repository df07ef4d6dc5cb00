import type { ParentTexts } from '../parentSections';
import { common } from './common';
import { errors } from './errors';
import { notifications } from './notifications';
import { api } from './api';
import { parent } from './parent';

/** The English texts of the parent web view: its own chunk, fetched alone when a parent picks English. */
export const parentTexts: ParentTexts = { common, errors, notifications, api, parent };
