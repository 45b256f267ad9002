import * as client from 'openid-client';
import { Agent, fetch as undiciFetch } from 'undici';
import type { OidcFields } from './fields.ts';

const requestTimeoutSeconds = 10;

type CustomFetch = (url: string, options: client.CustomFetchOptions) => Promise<Response>;

/** A fetch that also trusts the given PEM certificates (a provider behind a private CA). */
function fetchTrusting(caBundle: string): CustomFetch {
  const dispatcher = new Agent({ connect: { ca: caBundle } });
  return async (url, options) =>
    (await undiciFetch(url, {
      method: options.method,
      headers: options.headers,
      body: options.body,
      redirect: options.redirect,
      signal: options.signal,
      dispatcher,
    })) as unknown as Response;
}

/**
 * The discovered provider (openid-client Configuration), kept until the settings change.
 * Discovery happens on first use, not when settings are saved, so a provider that is down
 * at start-up does not stop Pulse.
 */
export class OidcProvider {
  #cached: { key: string; config: Promise<client.Configuration> } | null = null;

  /** Forgets the discovered metadata and keys (after a settings change or a failure). */
  forget(): void {
    this.#cached = null;
  }

  configuration(fields: OidcFields): Promise<client.Configuration> {
    const key = JSON.stringify([
      fields.issuerUrl,
      fields.clientId,
      fields.clientSecret,
      fields.caBundle,
    ]);
    if (this.#cached?.key !== key) {
      const config = discoverForgiving(fields);
      // A failed discovery is retried on the next use instead of being remembered.
      config.catch(() => {
        if (this.#cached?.config === config) this.#cached = null;
      });
      this.#cached = { key, config };
    }
    return this.#cached.config;
  }
}

/**
 * authentik's issuer ends in a slash (…/application/o/<slug>/), and the metadata's issuer must
 * match exactly. Typed without the slash, the same provider is asked for again with it.
 */
async function discoverForgiving(fields: OidcFields): Promise<client.Configuration> {
  try {
    return await discover(fields, fields.issuerUrl);
  } catch (error) {
    if (fields.issuerUrl.endsWith('/') || !/issuer/i.test(String(error))) throw error;
    return discover(fields, `${fields.issuerUrl}/`).catch(() => {
      throw error;
    });
  }
}

async function discover(fields: OidcFields, issuerUrl: string): Promise<client.Configuration> {
  const issuer = new URL(issuerUrl);
  const customFetch = fields.caBundle ? fetchTrusting(fields.caBundle) : undefined;
  const insecure = issuer.protocol === 'http:';
  const setUp = (config: client.Configuration) => {
    // The ID token's RS256 signature is checked against the provider's keys, not only
    // trusted because it came over the token endpoint's TLS.
    client.enableNonRepudiationChecks(config);
    // A homelab provider on plain http: the admin typed http://, so it is allowed.
    if (insecure) client.allowInsecureRequests(config);
    if (customFetch) config[client.customFetch] = customFetch;
    config.timeout = requestTimeoutSeconds;
  };
  const metadata = { id_token_signed_response_alg: 'RS256' };
  const secret = fields.clientSecret;
  const discovered = await client.discovery(
    issuer,
    fields.clientId,
    metadata,
    secret ? client.ClientSecretBasic(secret) : client.None(),
    {
      // Discovery itself looks for allowInsecureRequests by identity in this list.
      execute: insecure ? [client.allowInsecureRequests, setUp] : [setUp],
      timeout: requestTimeoutSeconds,
      ...(customFetch && { [client.customFetch]: customFetch }),
    },
  );
  const methods = discovered.serverMetadata().token_endpoint_auth_methods_supported;
  if (!secret || !methods || methods.includes('client_secret_basic')) return discovered;
  if (!methods.includes('client_secret_post')) return discovered;
  // Basic is the default and what most providers take; some accept only the form post.
  const config = new client.Configuration(
    discovered.serverMetadata(),
    fields.clientId,
    metadata,
    client.ClientSecretPost(secret),
  );
  setUp(config);
  return config;
}
