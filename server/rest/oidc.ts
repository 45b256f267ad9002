import { checkReturnTo, OidcLoginError } from '../auth/oidc/login.ts';
import { requestOrigin } from '../auth/oidc/origin.ts';
import { parseCookies, serializeCookie, sessionCookies } from '../http/exchange.ts';
import { type HttpExchange, Redirect, type Route, type RouteRequest } from './router.ts';

// Binds a started sign-in to the browser that started it, so a callback URL with somebody
// else's code (login CSRF) finds no pending login. HttpOnly, SameSite=Lax: it rides along on
// the provider's top-level redirect back.
const bindingCookie = 'pulse_oidc';
const secureBindingCookie = '__Host-pulse_oidc';
const bindingSeconds = 10 * 60;

const origin = (http: HttpExchange) => requestOrigin(http.header, http.secure);

/** Over HTTPS only the __Host- name counts: a sibling subdomain cannot plant that one. */
function binding(http: HttpExchange): string | undefined {
  const cookies = parseCookies(http.header('cookie'));
  return cookies.get(http.secure ? secureBindingCookie : bindingCookie);
}

function bindingCookieValue(http: HttpExchange, value: string, maxAgeSeconds: number): string {
  return serializeCookie({
    name: http.secure ? secureBindingCookie : bindingCookie,
    value,
    maxAgeSeconds,
    httpOnly: true,
    secure: http.secure,
  });
}

const loginFailed = (code: string) => new Redirect(`/login?error=${encodeURIComponent(code)}`);

async function startLogin({ query, services, http }: RouteRequest) {
  const returnTo = checkReturnTo(query.get('returnTo'));
  try {
    const start = await services.oidc.begin({
      returnTo,
      origin: origin(http),
      binding: binding(http),
    });
    http.addCookies([bindingCookieValue(http, start.binding, bindingSeconds)]);
    return new Redirect(start.url);
  } catch (error) {
    if (error instanceof OidcLoginError) return loginFailed(error.code);
    throw error;
  }
}

async function finishLogin({ query, services, http }: RouteRequest) {
  try {
    const done = await services.oidc.complete({
      query,
      binding: binding(http),
      ip: http.ip,
      userAgent: http.userAgent,
    });
    http.addCookies([...sessionCookies(done.issued, http.secure), bindingCookieValue(http, '', 0)]);
    return new Redirect(done.returnTo);
  } catch (error) {
    if (!(error instanceof OidcLoginError)) throw error;
    http.addCookies([bindingCookieValue(http, '', 0)]);
    return loginFailed(error.code);
  }
}

/** Single sign-on: the admin's settings, and the browser's round trip through the provider. */
export const oidcRoutes: Route[] = [
  {
    method: 'GET',
    path: '/api/security/oidc',
    handle: ({ actor, services, http }) => services.oidc.settings.view(actor, origin(http)),
  },
  {
    method: 'POST',
    path: '/api/security/oidc',
    handle: ({ actor, services, body, http }) =>
      services.oidc.settings.update(actor, body, origin(http)),
  },
  { method: 'GET', path: '/api/oidc/login', handle: startLogin },
  { method: 'GET', path: '/api/oidc/callback', handle: finishLogin },
  // Pulse's per-provider paths; there is one provider, whatever its id.
  { method: 'GET', path: '/api/oidc/:providerId/login', handle: startLogin },
  { method: 'GET', path: '/api/oidc/:providerId/callback', handle: finishLogin },
];
