// Who may do what in the console. Duty officers work alerts; publicity staff read alerts and
// search, and see where the calculator figures stand; administrators do everything, including
// users and the audit log.
import type { Role } from '../../store/types.ts';

export type Permission = 'alerts.read' | 'alerts.act' | 'labels' | 'search' | 'trends' | 'audit' | 'users' | 'policy' | 'sources';

const GRANTS: Record<Role, readonly Permission[]> = {
  duty: ['alerts.read', 'alerts.act', 'labels', 'search', 'trends', 'sources'],
  publicity: ['alerts.read', 'search', 'trends', 'policy'],
  admin: ['alerts.read', 'alerts.act', 'labels', 'search', 'trends', 'audit', 'users', 'policy', 'sources'],
};

export const can = (role: Role, permission: Permission) => GRANTS[role].includes(permission);

/** The permission a console/API path needs (before any page-level checks), or null for none beyond login. */
export function permissionFor(pathname: string, method: string): Permission | null {
  const write = !['GET', 'HEAD'].includes(method.toUpperCase());
  const p = pathname.replace(/\/+$/, '') || '/';
  if (p.startsWith('/console/audit') || p.startsWith('/api/audit')) return 'audit';
  if (p.startsWith('/console/users') || p.startsWith('/api/users')) return 'users';
  if (p.startsWith('/console/policy')) return 'policy';
  // Crawl source health: duty officers need it to know a quiet day from a broken crawler.
  if (p.startsWith('/console/sources')) return 'sources';
  // Labelling posts is acting on them, as acting on alerts is; the labels train the bureau's model.
  if (p.startsWith('/console/labels') || p.startsWith('/api/labels')) return 'labels';
  if (p.startsWith('/console/search') || p.startsWith('/api/search')) return 'search';
  if (p.startsWith('/console/trends') || p.startsWith('/console/report') || p.startsWith('/api/stats')) return 'trends';
  if (p.startsWith('/console/alerts') || p.startsWith('/api/alerts') || p === '/console') return write ? 'alerts.act' : 'alerts.read';
  return null;
}
