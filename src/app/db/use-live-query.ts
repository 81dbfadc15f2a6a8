/**
 * The one door to `dexie-react-hooks`: screens read the database live through this hook and the
 * read functions of src/app/db, never through Dexie itself. The query re-runs when a table it
 * read changes; `undefined` means "not read yet".
 */
export { useLiveQuery } from 'dexie-react-hooks';
