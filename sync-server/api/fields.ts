import { z } from 'zod';

// zod shapes shared by several routes (not a grab-bag: only boundary field shapes, like src/schema/fields).

/** An id in a path: the same bound as the schemas' idField. */
export const idParam = z.object({ id: z.string().min(1).max(64) });

/** 12 digits; the checksum and date are checked by parseIin, which names what is wrong. */
export const iinField = z.string().trim().max(20);

/** As typed by the parent; normalised (and refused) by normalisePhone. */
export const phoneInput = z.string().max(40);

export const passwordField = z.string().max(200);

/** A page of a list. */
export const pageQuery = {
  limit: z.coerce.number().int().min(1).max(200).default(50),
  offset: z.coerce.number().int().min(0).max(1_000_000).default(0),
};

export const languageCode = z.string().min(2).max(8);
