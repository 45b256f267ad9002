import type { SecurityStatus } from '../components/security/gate.ts';
import { rest } from '../components/security/rest.ts';
import { isSignInPath, loginPath } from '../components/security/return-to.ts';
import { client, onAuthLost } from '../graphql/client.ts';
import { SessionQuery } from '../graphql/documents/security.ts';
import type { SessionQuery as SessionResult } from '../graphql/generated/graphql.ts';

export type Viewer = SessionResult['me'];

const RETRY_MS = 3_000;

/**
 * Who this tab is signed in as, and whether security is set up: read once at start, and again
 * whenever the server stops accepting the tab's credentials. The layout gates every route on
 * it; the header shows the user; settings hide what only admins may change.
 */
class Session {
  status = $state<SecurityStatus | null>(null);
  me = $state<Viewer | null>(null);
  /** Why the status could not be read (server down); cleared by the next good read. */
  error = $state<string | null>(null);

  readonly signedIn: boolean = $derived(this.status?.authenticated === true);
  /** An admin: may change settings and security. */
  readonly canManage: boolean = $derived(this.signedIn && this.me?.canManage === true);
  /** An operator or admin: may acknowledge alerts. */
  readonly canAcknowledge: boolean = $derived(this.signedIn && this.me?.canAcknowledge === true);
  /** Looking at the demo estate without an account, before security is set up. */
  readonly visitingDemo: boolean = $derived(!this.signedIn && this.status?.demoVisible === true);

  #started = false;
  #leaving = false;
  #signingOut = false;
  #retry: ReturnType<typeof setTimeout> | undefined;
  #checking: Promise<void> | null = null;

  /** Idempotent: the layout starts it once, in the browser. */
  start(): void {
    if (this.#started) return;
    this.#started = true;
    onAuthLost(() => void this.#recheck());
    void this.load();
  }

  async load(): Promise<void> {
    const data = await this.#read();
    if (data && !this.#leaving) this.#apply(data);
  }

  /** The status and viewer, or null after scheduling a retry (the server is unreachable). */
  async #read(): Promise<SessionResult | null> {
    clearTimeout(this.#retry);
    const result = await client
      .query(SessionQuery, {}, { requestPolicy: 'network-only' })
      .toPromise();
    if (result.data) return result.data;
    this.error = result.error?.message ?? 'The server sent no data';
    this.#retry = setTimeout(() => void this.load(), RETRY_MS);
    return null;
  }

  #apply(data: SessionResult): void {
    this.error = null;
    this.status = data.securityStatus;
    this.me = data.me;
  }

  /**
   * Leaves the page with a full navigation: the live feeds, the socket and every cached
   * answer belonged to the old credentials, so nothing of this tab's state may survive.
   */
  leave(url: string): void {
    if (this.#leaving) return;
    this.#leaving = true;
    window.location.assign(url);
  }

  /** Ends this browser's session, then goes where the server says (an SSO logout) or to sign-in. */
  async signOut(): Promise<void> {
    // Ending the session closes the socket (4401); that is expected, not a reason to go elsewhere.
    this.#signingOut = true;
    const proxyLogout = this.me?.method === 'proxy' ? this.status?.proxyLogoutUrl : null;
    const answer = await rest<{ redirectUrl?: string | null }>('POST', '/api/logout');
    // A session that had already ended is signed out all the same.
    const redirect = answer.ok ? answer.data?.redirectUrl : null;
    this.leave(redirect || proxyLogout || '/login');
  }

  /**
   * A request was refused, or the socket closed on revoked credentials. A password change
   * does that too while it signs this browser in anew, so the status decides: only a tab that
   * is really signed out (and is not looking at the demo) goes to the sign-in page.
   */
  #recheck(): Promise<void> {
    this.#checking ??= (async () => {
      try {
        if (this.#leaving || this.#signingOut || isSignInPath(window.location.pathname)) return;
        const data = await this.#read();
        if (!data || this.#leaving || this.#signingOut) return;
        const status = data.securityStatus;
        // Decided before the new status is shown, so the layout does not navigate as well.
        if (!status.authenticated && !status.demoVisible) {
          const { pathname, search } = window.location;
          this.leave(status.requiresSetup ? '/setup' : loginPath(`${pathname}${search}`));
          return;
        }
        this.#apply(data);
      } finally {
        this.#checking = null;
      }
    })();
    return this.#checking;
  }
}

export const session = new Session();
