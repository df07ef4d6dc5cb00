// Uploads are judged by their first bytes (src/domain/documents.ts), the same check the staff
// workspace runs when a file is picked.
export { contentMatchesType } from '../../src/domain';
