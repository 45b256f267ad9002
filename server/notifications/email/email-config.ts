import { ValidationError } from '../../errors.ts';

/** The email channel with its password open, as the sender uses it. */
export interface EmailConfig {
  enabled: boolean;
  provider: string;
  server: string;
  port: number;
  username: string;
  password: string | null;
  from: string;
  to: string[];
  /** Implicit TLS from the first byte (port 465). */
  tls: boolean;
  /** Plain connection upgraded with STARTTLS, which is then required (port 587). */
  startTLS: boolean;
  /** For relays with self-signed certificates on the LAN. */
  skipTlsVerify: boolean;
  rateLimitPerMinute: number;
}

export type EmailInput = Partial<EmailConfig>;

export interface EmailProvider {
  name: string;
  server: string;
  port: number;
  tls: boolean;
  startTLS: boolean;
  instructions: string;
}

export const emailProviders: EmailProvider[] = [
  {
    name: 'Gmail',
    server: 'smtp.gmail.com',
    port: 587,
    tls: false,
    startTLS: true,
    instructions: 'Use an app password (Google account → Security → App passwords).',
  },
  {
    name: 'SendGrid',
    server: 'smtp.sendgrid.net',
    port: 587,
    tls: false,
    startTLS: true,
    instructions: 'Username "apikey", password your API key.',
  },
  {
    name: 'Mailgun',
    server: 'smtp.mailgun.org',
    port: 587,
    tls: false,
    startTLS: true,
    instructions: 'SMTP credentials from the domain settings.',
  },
  {
    name: 'Amazon SES',
    server: 'email-smtp.us-east-1.amazonaws.com',
    port: 587,
    tls: false,
    startTLS: true,
    instructions: 'SMTP credentials (not IAM keys); change the region in the server name.',
  },
  {
    name: 'Microsoft 365',
    server: 'smtp.office365.com',
    port: 587,
    tls: false,
    startTLS: true,
    instructions: 'SMTP AUTH must be enabled for the mailbox.',
  },
  {
    name: 'Brevo',
    server: 'smtp-relay.brevo.com',
    port: 587,
    tls: false,
    startTLS: true,
    instructions: 'SMTP login and key from SMTP & API settings.',
  },
  {
    name: 'Postmark',
    server: 'smtp.postmarkapp.com',
    port: 587,
    tls: false,
    startTLS: true,
    instructions: 'Server API token as both username and password.',
  },
  {
    name: 'Fastmail',
    server: 'smtp.fastmail.com',
    port: 465,
    tls: true,
    startTLS: false,
    instructions: 'Use an app password.',
  },
  {
    name: 'Custom',
    server: '',
    port: 587,
    tls: false,
    startTLS: true,
    instructions: 'Any SMTP server.',
  },
];

export const defaultEmail: EmailConfig = {
  enabled: false,
  provider: 'Custom',
  server: '',
  port: 587,
  username: '',
  password: null,
  from: '',
  to: [],
  tls: false,
  startTLS: true,
  skipTlsVerify: false,
  rateLimitPerMinute: 60,
};

const address = /^[^\s@<>]+@[^\s@<>]+$/;

function checkAddress(value: string, field: string): string {
  const trimmed = value.trim();
  // Accept `Pulse <pulse@example.com>` as well as a bare address.
  const bare = /<([^>]+)>\s*$/.exec(trimmed)?.[1] ?? trimmed;
  if (!address.test(bare))
    throw new ValidationError(`${field}: "${value}" is not an email address`, field);
  return trimmed;
}

/**
 * Applies an input to the stored config. A provider fills server, port and TLS unless the
 * input sets them; a password left out (or sent back masked) keeps the stored one.
 */
export function mergeEmail(stored: EmailConfig, input: EmailInput, mask: string): EmailConfig {
  const given = Object.fromEntries(Object.entries(input).filter(([, v]) => v !== undefined));
  const next: EmailConfig = { ...stored, ...given };
  if (input.provider !== undefined && input.provider !== stored.provider) {
    const preset = emailProviders.find((p) => p.name === input.provider);
    if (!preset) {
      throw new ValidationError(
        `provider must be one of ${emailProviders.map((p) => p.name).join(', ')}`,
        'provider',
      );
    }
    if (input.server === undefined && preset.server) next.server = preset.server;
    if (input.port === undefined) next.port = preset.port;
    if (input.tls === undefined) next.tls = preset.tls;
    if (input.startTLS === undefined) next.startTLS = preset.startTLS;
  }
  next.password =
    input.password === undefined || input.password === mask
      ? stored.password
      : input.password || null;
  next.server = next.server.trim();
  if (!Number.isInteger(next.port) || next.port < 1 || next.port > 65535) {
    throw new ValidationError('port must be a whole number from 1 to 65535', 'port');
  }
  if (next.tls && next.startTLS) {
    throw new ValidationError('startTLS: choose implicit TLS or STARTTLS, not both', 'startTLS');
  }
  if (!Array.isArray(next.to)) throw new ValidationError('to must be a list of addresses', 'to');
  next.to = next.to.map((a) => checkAddress(String(a), 'to'));
  if (next.from) next.from = checkAddress(next.from, 'from');
  if (
    !Number.isInteger(next.rateLimitPerMinute) ||
    next.rateLimitPerMinute < 1 ||
    next.rateLimitPerMinute > 1000
  ) {
    throw new ValidationError(
      'rateLimitPerMinute must be a whole number from 1 to 1000',
      'rateLimitPerMinute',
    );
  }
  if (next.enabled) {
    if (!next.server) throw new ValidationError('server is required to enable email', 'server');
    if (!next.from) throw new ValidationError('from is required to enable email', 'from');
    if (next.to.length === 0) throw new ValidationError('to needs at least one address', 'to');
  }
  return next;
}
