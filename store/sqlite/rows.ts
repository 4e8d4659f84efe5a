// Small helpers for SQLite rows; the row-to-record mappers both dialects share are in ../rows.ts.
export { json, str, type Row } from '../rows.ts';
/** `?,?,?` for an IN list of n values. */
export const placeholders = (n: number) => Array.from({ length: n }, () => '?').join(',');
