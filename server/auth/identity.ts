import type { AuditLog } from '../audit/audit-log.ts';
import type { Config } from '../config/env.ts';
import type { SecretBox } from '../config/secrets.ts';
import type { Orm } from '../db/orm.ts';
import type { EventBus } from '../events/bus.ts';
import type { Logger } from '../log/logger.ts';
import { AccountService } from './account.service.ts';
import { Authenticator } from './authenticator.ts';
import { BootstrapToken } from './bootstrap.ts';
import { Lockout } from './lockout.ts';
import { OidcService } from './oidc/oidc.service.ts';
import { SecurityPosture } from './posture.ts';
import { RecoveryTokens } from './recovery.ts';
import { SecurityService } from './security.service.ts';
import { SessionService } from './session.service.ts';
import { TokenService } from './token.service.ts';

export interface Identity {
  accounts: AccountService;
  sessions: SessionService;
  tokens: TokenService;
  security: SecurityService;
  posture: SecurityPosture;
  authenticator: Authenticator;
  oidc: OidcService;
}

interface Parts {
  config: Config;
  dataDir: string;
  orm: Orm;
  box: SecretBox;
  bus: EventBus;
  audit: AuditLog;
  log: Logger;
  demoRunning: () => boolean;
}

/** Builds sign-in and access: who may call, and how they prove it. */
export async function buildIdentity(parts: Parts): Promise<Identity> {
  const { config, orm, box, bus, audit, log, demoRunning } = parts;
  const posture = new SecurityPosture(
    orm,
    config.apiTokens.length > 0 || config.proxyAuth !== null,
  );
  const sessions = new SessionService(orm, box, bus);
  const tokens = new TokenService({ orm, bus, audit, posture, envTokens: config.apiTokens });
  const bootstrap = new BootstrapToken(parts.dataDir);
  const accounts = new AccountService({
    orm,
    sessions,
    tokens,
    bootstrap,
    lockout: new Lockout(),
    audit,
    posture,
  });
  const oidc = new OidcService({
    orm,
    box,
    audit,
    log,
    env: config.oidc,
    hideLocalLogin: config.hideLocalLogin,
    publicUrl: config.publicUrl,
    accounts,
    sessions,
  });
  const proxy = config.proxyAuth;
  const authenticator = new Authenticator({
    tokens,
    sessions,
    accounts,
    proxy,
    posture,
    demoRunning,
    sessionCheck: (session) => oidc.refresher.check(session),
  });
  const security = new SecurityService({
    posture,
    bootstrap,
    sessions,
    recovery: new RecoveryTokens(),
    audit,
    proxy,
    demoRunning,
  });
  oidc.wire({ posture, security, accounts });
  bus.subscribe('credentials.revoked', ({ credentialIds }) => {
    authenticator.forgetVerified();
    oidc.refresher.forget(credentialIds);
  });

  if (config.adminUser) await accounts.applyEnvAdmin(config.adminUser);
  await posture.refresh();
  await sessions.prune();
  if (posture.configured) {
    bootstrap.clear();
  } else {
    const token = bootstrap.ensure();
    // The issue and Pulse both print it: whoever can read the log or the data directory owns
    // this server anyway, and it stops working the moment security is set up.
    log.warn(
      { bootstrapTokenFile: bootstrap.path },
      `Security is not set up yet. Open Pulse and use this bootstrap token to create the admin: ${token}`,
    );
  }
  return { accounts, sessions, tokens, security, posture, authenticator, oidc };
}
