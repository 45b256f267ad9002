/** The pages that sign a browser in; never a place to come back to afterwards. */
const signInPaths = new Set(['/login', '/setup']);

/**
 * Where to go after signing in: a path on this site, or the overview. Anything that could
 * leave the site (`https://…`, `//host`, `/\host`) is refused, so a crafted link cannot send a
 * freshly signed-in user elsewhere.
 */
export function safeReturnTo(value: string | null | undefined): string {
  if (!value?.startsWith('/') || value.startsWith('//') || value.startsWith('/\\')) return '/';
  let url: URL;
  try {
    url = new URL(value, 'http://pulse.invalid');
  } catch {
    return '/';
  }
  if (url.origin !== 'http://pulse.invalid' || signInPaths.has(url.pathname)) return '/';
  return `${url.pathname}${url.search}${url.hash}`;
}

/** The sign-in page, remembering where the user was. */
export function loginPath(returnTo: string): string {
  const back = safeReturnTo(returnTo);
  return back === '/' ? '/login' : `/login?returnTo=${encodeURIComponent(back)}`;
}

export const isSignInPath = (path: string) => signInPaths.has(path);
