import type { GraphQLObjectType } from 'graphql';
import { describe, expect, it } from 'vitest';
import { schema } from '../../../server/graphql/schema.ts';
import { restRoutes } from '../../../server/rest/router.ts';
import { type RunningApp, startApp } from '../../fixtures/app.ts';
import { testAdmin } from '../../fixtures/auth.ts';
import {
  type Caller,
  callers,
  expectedFor,
  type GraphqlRow,
  graphqlMatrix,
  people,
  type RestRow,
  restMatrix,
} from './authorization-matrix.ts';

const proxySecret = 'matrix-proxy-secret-0123456789';
const proxyEnv = {
  PROXY_AUTH_SECRET: proxySecret,
  PROXY_AUTH_USER_HEADER: 'X-Remote-User',
  PROXY_AUTH_ROLE_HEADER: 'X-Remote-Roles',
};

const restKey = (r: { method: string; path: string }) => `${r.method} ${r.path}`;
const isPerson = (caller: Caller) => (people as readonly string[]).includes(caller);

/** What came back, as the table speaks: "allow", 401 or 403, or something that is neither. */
type Outcome = 'allow' | 401 | 403 | `broken: ${string}`;

function restOutcome(status: number, text: string): Outcome {
  if (status === 401 || status === 403) return status;
  if (status === 429 || status >= 500) return `broken: ${status} ${text.slice(0, 160)}`;
  return 'allow';
}

const authCodes: Record<string, 401 | 403> = { UNAUTHENTICATED: 401, FORBIDDEN: 403 };
const authTypes: Record<string, 401 | 403> = { UnauthenticatedError: 401, ForbiddenError: 403 };
const callerMistakes = new Set(['VALIDATION', 'NOT_FOUND', 'CONFLICT']);

interface GraphqlBody {
  data?: Record<string, unknown> | null;
  errors?: { message: string; extensions?: { code?: string } }[];
}

function graphqlOutcome(field: string, status: number, text: string): Outcome {
  let body: GraphqlBody;
  try {
    body = JSON.parse(text) as GraphqlBody;
  } catch {
    return `broken: ${status} ${text.slice(0, 160)}`;
  }
  const value = body.data?.[field];
  const typename =
    typeof value === 'object' && value !== null && '__typename' in value
      ? String(value.__typename)
      : null;
  if (typename && authTypes[typename]) return authTypes[typename];
  const codes = (body.errors ?? []).map((e) => e.extensions?.code ?? '');
  for (const code of codes) if (authCodes[code]) return authCodes[code];
  if (codes.length === 0 && body.data && field in body.data) return 'allow';
  if (codes.length > 0 && codes.every((c) => callerMistakes.has(c))) return 'allow';
  return `broken: ${status} ${text.slice(0, 200)}`;
}

/** `$name` strings become the prepared values, anywhere in a body, params or variables. */
function fill<T>(value: T, values: Record<string, unknown>): T {
  if (typeof value === 'string' && value.startsWith('$')) {
    if (!(value.slice(1) in values)) throw new Error(`no value for ${value}`);
    return values[value.slice(1)] as T;
  }
  if (Array.isArray(value)) return value.map((v) => fill(v, values)) as T;
  if (typeof value === 'object' && value !== null) {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, fill(v, values)])) as T;
  }
  return value;
}

function restUrl(row: RestRow, values: Record<string, unknown>): string {
  const params = fill(row.params ?? {}, values);
  const path = row.path.replace(/:([a-zA-Z]+)/g, (_m, name: string) =>
    encodeURIComponent(String(params[name])),
  );
  const query = row.query ? `?${new URLSearchParams(row.query)}` : '';
  return `${path}${query}`;
}

/** One app per caller: each spends its own rate-limit budget and may wreck its own tokens. */
class CallerClient {
  readonly caller: Caller;
  readonly running: RunningApp;
  values: Record<string, unknown> = {};
  headers: Record<string, string> = {};

  constructor(caller: Caller, running: RunningApp) {
    this.caller = caller;
    this.running = running;
  }

  async prepare(): Promise<void> {
    // Sessions of the test admin for the revoke rows; made directly, so the sign-in budget
    // (10 a minute, shared with the login, setup and OIDC rows) stays for the rows.
    const victims = await Promise.all(
      [1, 2].map(() =>
        this.running.app.services.sessions.create({
          username: testAdmin.username,
          role: 'admin',
          method: 'password',
        }),
      ),
    );
    const [victimToken, victimToken2] = await Promise.all([
      this.mint(['monitoring:read']),
      this.mint(['monitoring:read']),
    ]);
    this.values = {
      victimSession: victims[0]?.publicId,
      victimSession2: victims[1]?.publicId,
      victimToken: victimToken.id,
      victimToken2: victimToken2.id,
      grantable:
        isPerson(this.caller) || this.caller === 'anonymous' ? ['monitoring:read'] : [this.caller],
    };
    await this.signIn();
  }

  /** Fresh credentials: proxy headers for people, a new token for token callers. */
  async signIn(): Promise<void> {
    const caller = this.caller;
    if (caller === 'anonymous') this.headers = {};
    else if (isPerson(caller)) {
      this.headers = {
        'x-proxy-secret': proxySecret,
        'x-remote-user': `matrix-${caller}`,
        'x-remote-roles': caller,
      };
    } else {
      this.headers = { 'x-api-token': (await this.mint([caller])).token };
    }
  }

  /** A token made by the test admin (an env token, which no route can revoke). */
  async mint(scopes: string[]): Promise<{ id: string; token: string }> {
    const response = await this.running.fetch('/api/security/tokens', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ name: 'matrix', scopes }),
    });
    if (response.status !== 201) throw new Error(`mint: ${response.status}`);
    const created = (await response.json()) as { token: string; record: { id: string } };
    return { id: created.record.id, token: created.token };
  }

  async rest(row: RestRow): Promise<Outcome> {
    const hasBody = row.body !== undefined;
    const response = await fetch(`${this.running.url}${restUrl(row, this.values)}`, {
      method: row.method,
      headers: { ...this.headers, ...(hasBody && { 'content-type': 'application/json' }) },
      ...(hasBody && { body: JSON.stringify(fill(row.body, this.values)) }),
      // A redirect (single sign-on) is the answer itself.
      redirect: 'manual',
    });
    return restOutcome(response.status, await response.text());
  }

  async graphql(row: GraphqlRow): Promise<Outcome> {
    const response = await fetch(`${this.running.url}/graphql`, {
      method: 'POST',
      headers: { ...this.headers, 'content-type': 'application/json' },
      body: JSON.stringify({
        query: row.document,
        variables: fill(row.variables ?? {}, this.values),
      }),
    });
    return graphqlOutcome(row.field, response.status, await response.text());
  }
}

type Check = { name: string; row: RestRow | GraphqlRow; run: () => Promise<Outcome> };

function describeExpected(expected: 'allow' | number): string {
  return expected === 'allow' ? 'allowed' : String(expected);
}

async function runMatrix(caller: Caller): Promise<{ checks: number; mismatches: string[] }> {
  const running = await startApp(proxyEnv);
  try {
    const subject = new CallerClient(caller, running);
    await subject.prepare();
    const checks: Check[] = [
      ...restMatrix.map((row) => ({ name: restKey(row), row, run: () => subject.rest(row) })),
      ...graphqlMatrix.map((row) => ({
        name: `graphql ${row.operation} ${row.field}`,
        row,
        run: () => subject.graphql(row),
      })),
    ];
    const results = new Map<Check, Outcome>();
    const ordinary = checks.filter((c) => !c.row.revokesAllTokens);
    const outcomes = await Promise.all(ordinary.map((c) => c.run()));
    for (const [i, check] of ordinary.entries()) results.set(check, outcomes[i] as Outcome);
    // Each of these revokes every stored token: one at a time, each with a fresh credential.
    for (const check of checks.filter((c) => c.row.revokesAllTokens)) {
      await subject.signIn();
      results.set(check, await check.run());
    }
    const mismatches: string[] = [];
    for (const [check, outcome] of results) {
      const expected = expectedFor(check.row, caller);
      if (outcome !== expected) {
        mismatches.push(`${check.name}: expected ${describeExpected(expected)}, got ${outcome}`);
      }
    }
    return { checks: results.size, mismatches };
  } finally {
    await running.stop();
  }
}

describe('authorization matrix', () => {
  it('has a row for every REST route, and none for a route that does not exist', () => {
    const routes = new Set(restRoutes().map(restKey));
    const rows = restMatrix.map(restKey);
    const missing = [...routes].filter((r) => !rows.includes(r));
    const stale = rows.filter((r) => !routes.has(r));
    const twice = rows.filter((r, i) => rows.indexOf(r) !== i);
    expect(
      missing,
      `routes without a row in authorization-matrix.ts: ${missing.join(', ')}`,
    ).toEqual([]);
    expect(stale, `rows for routes the router does not have: ${stale.join(', ')}`).toEqual([]);
    expect(twice, `rows listed twice: ${twice.join(', ')}`).toEqual([]);
  });

  it('has a row for every GraphQL query and mutation, and none for a field that does not exist', () => {
    const fieldsOf = (type: GraphQLObjectType | null | undefined, operation: string) =>
      Object.keys(type?.getFields() ?? {}).map((f) => `${operation} ${f}`);
    const fields = new Set([
      ...fieldsOf(schema.getQueryType(), 'query'),
      ...fieldsOf(schema.getMutationType(), 'mutation'),
    ]);
    const rows = graphqlMatrix.map((r) => `${r.operation} ${r.field}`);
    const missing = [...fields].filter((f) => !rows.includes(f));
    const stale = rows.filter((r) => !fields.has(r));
    const twice = rows.filter((r, i) => rows.indexOf(r) !== i);
    expect(
      missing,
      `GraphQL fields without a row in authorization-matrix.ts: ${missing.join(', ')}`,
    ).toEqual([]);
    expect(stale, `rows for GraphQL fields the schema does not have: ${stale.join(', ')}`).toEqual(
      [],
    );
    expect(twice, `rows listed twice: ${twice.join(', ')}`).toEqual([]);
    // Every row's document selects the field it is named for.
    for (const row of graphqlMatrix) {
      expect(row.document, row.field).toMatch(new RegExp(`\\b${row.field}\\b`));
    }
  });

  it.concurrent.each(callers)(
    'answers %s as the table says, on every route, query and mutation',
    async (caller) => {
      const { checks, mismatches } = await runMatrix(caller);
      expect(checks).toBe(restMatrix.length + graphqlMatrix.length);
      expect(mismatches, `${caller}:\n${mismatches.join('\n')}`).toEqual([]);
    },
    60_000,
  );
});
