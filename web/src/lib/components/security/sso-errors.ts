import { sentence } from './rest.ts';

/** What an SSO redirect's `?error=` means, for the codes people actually meet. */
const known: Record<string, string> = {
  access_denied: 'The identity provider did not let you in, or the sign-in was cancelled.',
  login_required: 'The identity provider needs you to sign in there first.',
  consent_required: 'The identity provider needs your consent before Pulse may sign you in.',
  state_mismatch:
    'The sign-in took too long, or was started in another browser or tab. Please try again.',
  oidc_disabled: 'Single sign-on is not turned on. Sign in with your Pulse account instead.',
  provider_unavailable: 'Pulse could not reach the identity provider. Try again in a moment.',
  provider_error: 'The identity provider reported an error. Please try again.',
  token_exchange_failed: 'The identity provider did not confirm the sign-in. Please try again.',
  sso_failed:
    'Something went wrong while signing you in. Try again; if it keeps failing, ask your Pulse admin to check the log.',
  not_in_allowed_group: 'None of your groups is allowed to use Pulse. Ask your Pulse admin.',
  domain_not_allowed: "Your email address's domain is not allowed to use Pulse.",
  email_not_allowed: 'Your email address is not allowed to use Pulse.',
  missing_username: 'The identity provider did not send a user name Pulse can use.',
  local_account_conflict:
    'Your single sign-on user name belongs to a local Pulse account. Sign in with its password, or ask your admin to rename one of them.',
};

/**
 * A readable sentence for an SSO failure: a known code's explanation, else the code made
 * readable ("server_error" → "Server error."), with the provider's own description if sent.
 */
export function describeSsoError(code: string, description: string | null): string {
  const explained = known[code.toLowerCase()];
  if (explained) return description ? `${explained} (${description})` : explained;
  // A code such as server_error, or a whole sentence some providers send instead.
  const words = /\s/.test(code) ? code.trim() : code.replace(/[_-]+/g, ' ').trim();
  const readable = words ? sentence(words) : 'Sign-in failed.';
  return description ? `${readable} ${sentence(description)}` : readable;
}
