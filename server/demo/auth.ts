import { createHmac, timingSafeEqual } from 'node:crypto';
import type { Dialect } from './dialects.ts';
import type { ApiRequest, ApiResponse, Product } from './http.ts';

const TICKET_LIFETIME_MS = 2 * 3600 * 1000;
/** Tickets issued slightly "in the future" (clock skew) are still accepted upstream. */
const CLOCK_SKEW_MS = 300 * 1000;

export interface Account {
  userid: string;
  password: string;
  tokenId: string | null;
  tokenSecret: string | null;
}

export type AuthOutcome =
  | { ok: true; user: string; via: 'token' | 'ticket' }
  | { ok: false; response: ApiResponse };

const prefixes: Record<Product, string> = { pve: 'PVE', pbs: 'PBS', pmg: 'PMG' };

function sign(key: Buffer, text: string): string {
  return createHmac('sha256', key).update(text).digest('base64').replace(/=+$/, '');
}

function same(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

/**
 * Ticket, CSRF and API-token checks in each product's dialect. Tickets are HMAC-signed
 * instead of RSA-signed, but keep the upstream layout `PVE:user:HEXTIME::signature`.
 */
export class Authenticator {
  readonly product: Product;
  readonly #account: Account;
  readonly #key: Buffer;
  readonly #dialect: Dialect;
  readonly #prefix: string;

  constructor(product: Product, account: Account, key: Buffer, dialect: Dialect) {
    this.product = product;
    this.#account = account;
    this.#key = key;
    this.#dialect = dialect;
    this.#prefix = prefixes[product];
  }

  issue(user: string, at: number): { ticket: string; csrf: string } {
    const time = Math.floor(at / 1000)
      .toString(16)
      .toUpperCase()
      .padStart(8, '0');
    const plain = `${this.#prefix}:${user}:${time}`;
    return {
      ticket: `${plain}::${sign(this.#key, plain)}`,
      csrf: `${time}:${sign(this.#key, `csrf:${time}:${user}`)}`,
    };
  }

  /** The user a ticket belongs to, or null when it is forged or older than 2 h. */
  verifyTicket(ticket: string, at: number): string | null {
    const match = /^([A-Z]+):(.+):([0-9A-F]{8})::(.+)$/.exec(ticket);
    if (!match || match[1] !== this.#prefix) return null;
    const [, prefix, user = '', time = '', signature = ''] = match;
    if (!same(signature, sign(this.#key, `${prefix}:${user}:${time}`))) return null;
    const issued = Number.parseInt(time, 16) * 1000;
    if (at - issued > TICKET_LIFETIME_MS || issued - at > CLOCK_SKEW_MS) return null;
    return user;
  }

  verifyCsrf(token: string | undefined, user: string, at: number): boolean {
    const match = /^([0-9A-F]{8}):(.+)$/.exec(token ?? '');
    if (!match) return false;
    const [, time = '', signature = ''] = match;
    const issued = Number.parseInt(time, 16) * 1000;
    if (at - issued > TICKET_LIFETIME_MS || issued - at > CLOCK_SKEW_MS) return false;
    return same(signature, sign(this.#key, `csrf:${time}:${user}`));
  }

  /** POST /access/ticket: password login, or renewal with the current ticket as password. */
  login(request: ApiRequest, at: number, clusterName: string | null): ApiResponse {
    const args = new URLSearchParams([...request.query, ...request.body]);
    let username = args.get('username') ?? '';
    const realm = args.get('realm');
    if (realm && !username.includes('@')) username = `${username}@${realm}`;
    const password = args.get('password') ?? '';
    const renewed = this.verifyTicket(password, at);
    const valid =
      username === this.#account.userid &&
      (same(password, this.#account.password) || renewed === username);
    if (!valid) {
      if (this.product === 'pbs') return { status: 401, body: 'authentication failed' };
      return {
        status: 401,
        reason: 'authentication failure',
        body: JSON.stringify({ data: null, message: 'authentication failure\n' }),
      };
    }
    const { ticket, csrf } = this.issue(username, at);
    const data: Record<string, unknown> = { username, ticket, CSRFPreventionToken: csrf };
    if (this.product === 'pve') {
      if (clusterName) data.clustername = clusterName;
      data.cap = {
        vms: { 'VM.Audit': 1, 'VM.GuestAgent.Audit': 1 },
        nodes: { 'Sys.Audit': 1 },
        storage: { 'Datastore.Audit': 1 },
        access: {},
        dc: { 'Sys.Audit': 1, 'SDN.Audit': 1 },
        sdn: { 'SDN.Audit': 1 },
        mapping: { 'Mapping.Audit': 1 },
      };
    }
    if (this.product === 'pmg') data.role = 'audit';
    return { status: 200, body: JSON.stringify({ data }) };
  }

  /** Who is calling. Token checks come first, as upstream; `tokenRevoked` is a fault switch. */
  authenticate(request: ApiRequest, at: number, tokenRevoked: boolean): AuthOutcome {
    const header = String(request.headers.authorization ?? '').trim();
    const fail = (reason: string): AuthOutcome => ({
      ok: false,
      response: this.#dialect.unauthorized(reason),
    });
    if (this.product === 'pmg') {
      if (/^PVEAPIToken[= ]/.test(header)) return fail('API tokens not implemented');
      if (/^PMGAPIToken[= ]/.test(header)) return fail('No ticket');
    } else {
      const token = this.#parseToken(header);
      if (token) {
        const ok =
          !tokenRevoked &&
          token.id === this.#account.tokenId &&
          this.#account.tokenSecret !== null &&
          same(token.secret, this.#account.tokenSecret);
        return ok ? { ok: true, user: token.id, via: 'token' } : fail('Authentication failed!');
      }
    }
    const ticket = this.#ticketFrom(request, header);
    if (ticket === null) return fail('No ticket');
    const user = this.verifyTicket(ticket, at);
    if (user === null) return fail('Authentication failed!');
    if (request.method !== 'GET' && request.method !== 'HEAD') {
      const csrf = request.headers.csrfpreventiontoken;
      if (!this.verifyCsrf(Array.isArray(csrf) ? csrf[0] : csrf, user, at)) {
        if (this.product === 'pbs') {
          return {
            ok: false,
            response: {
              status: 401,
              body: csrf ? 'invalid CSRF prevention token' : 'missing CSRF prevention token',
            },
          };
        }
        return fail('Permission denied - invalid csrf token');
      }
    }
    return { ok: true, user, via: 'ticket' };
  }

  #parseToken(header: string): { id: string; secret: string } | null {
    if (this.product === 'pve') {
      const m = /^PVEAPIToken[= ](\S+@\S+?![^=\s]+)=(\S+)$/.exec(header);
      return m?.[1] && m[2] ? { id: m[1], secret: m[2] } : null;
    }
    const m = /^PBSAPIToken[= ](\S+@\S+?![^:\s]+):(\S+)$/.exec(header);
    if (!m?.[1] || !m[2]) return null;
    try {
      return { id: m[1], secret: decodeURIComponent(m[2]) };
    } catch {
      return { id: m[1], secret: m[2] };
    }
  }

  #ticketFrom(request: ApiRequest, header: string): string | null {
    const names =
      this.product === 'pbs'
        ? ['__Host-PBSAuthCookie', 'PBSAuthCookie']
        : [this.product === 'pve' ? 'PVEAuthCookie' : 'PMGAuthCookie'];
    for (const name of names) {
      const value = request.cookies.get(name);
      if (value) return value;
    }
    // Perl servers also accept "PVEAuthCookie=<ticket>" in the Authorization header.
    const first = names[0] ?? '';
    if (header.startsWith(`${first}=`)) {
      try {
        return decodeURIComponent(header.slice(first.length + 1));
      } catch {
        return header.slice(first.length + 1);
      }
    }
    return null;
  }
}
