// Request-size limits for the console and API, applied before a body is read.
export const FORM_BODY_LIMIT = 64 * 1024;
export const JSON_BODY_LIMIT = 1024 * 1024;

export const isStaffPath = (p: string) => /^\/(console|api)(\/|$)/.test(p);

/** 1 MB for JSON (API calls), 64 KB for forms and anything else. */
export function bodyLimitFor(contentType: string | null | undefined): number {
  return (contentType ?? '').toLowerCase().includes('application/json') ? JSON_BODY_LIMIT : FORM_BODY_LIMIT;
}
