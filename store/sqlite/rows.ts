// Small helpers for turning SQLite rows into typed records.
export type Row = Record<string, unknown>;
/** A nullable text column. */
export const str = (v: unknown) => (v === null || v === undefined ? null : String(v as string | number | bigint));
export const json = <T>(v: unknown): T => JSON.parse(String(v)) as T;
/** `?,?,?` for an IN list of n values. */
export const placeholders = (n: number) => Array.from({ length: n }, () => '?').join(',');
