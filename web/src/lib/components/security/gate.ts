import type { SessionQuery } from '../../graphql/generated/graphql.ts';
import { loginPath, safeReturnTo } from './return-to.ts';

export type SecurityStatus = SessionQuery['securityStatus'];

/**
 * What the shell does with a route: send the browser elsewhere, show the page alone (sign-in
 * and setup, a centred card) or inside the dashboard.
 */
export type Gate = { go: string } | { show: 'alone' } | { show: 'dashboard' };

/**
 * Decides, from the security status, whether this tab may see the page it asked for.
 * Before setup the demo estate may be looked at anonymously; without it, the only way on is
 * setup. After setup, only a signed-in browser gets past the sign-in page.
 */
export function gate(
  status: SecurityStatus,
  url: { pathname: string; search: string; searchParams: { get(name: string): string | null } },
): Gate {
  const { pathname: path } = url;
  const signedIn = status.authenticated;
  if (path === '/setup') {
    if (status.requiresSetup) return { show: 'alone' };
    return { go: signedIn ? '/' : '/login' };
  }
  if (path === '/login') {
    if (signedIn) return { go: safeReturnTo(url.searchParams.get('returnTo')) };
    if (status.requiresSetup) return { go: '/setup' };
    return { show: 'alone' };
  }
  if (signedIn || status.demoVisible) return { show: 'dashboard' };
  if (status.requiresSetup) return { go: '/setup' };
  return { go: loginPath(`${path}${url.search}`) };
}
