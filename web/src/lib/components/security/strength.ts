/** The server's rule (server/auth/secrets.ts); bcrypt also ignores anything past 72 bytes. */
export const minPasswordLength = 12;
export const maxPasswordBytes = 72;

export interface Strength {
  /** 0 (not accepted) to 4. */
  score: 0 | 1 | 2 | 3 | 4;
  label: string;
  hint: string;
}

const common =
  /password|passwort|qwerty|letmein|welcome|admin|proxmox|pulse|monitor|123456|abc123|iloveyou/i;

/**
 * A rough guide while typing, not a gate: the server only insists on the length. Length counts
 * most; mixing kinds of characters helps a little; repeats, runs and common words cost.
 */
export function passwordStrength(password: string): Strength {
  const bytes = new TextEncoder().encode(password).length;
  if (password.length < minPasswordLength) {
    const missing = minPasswordLength - password.length;
    return {
      score: 0,
      label: 'Too short',
      hint: `${missing} more ${missing === 1 ? 'character' : 'characters'} needed (at least ${minPasswordLength}).`,
    };
  }
  if (bytes > maxPasswordBytes) {
    return { score: 0, label: 'Too long', hint: `At most ${maxPasswordBytes} bytes.` };
  }
  const kinds = [/[a-z]/, /[A-Z]/, /\d/, /[^A-Za-z0-9]/].filter((re) => re.test(password)).length;
  let points = password.length >= 20 ? 3 : password.length >= 16 ? 2 : 1;
  if (kinds >= 3) points += 1;
  if (/(.)\1{2,}/.test(password) || new Set(password).size < password.length / 3) points -= 1;
  if (common.test(password)) points -= 1;
  const score = Math.min(4, Math.max(1, points)) as 1 | 2 | 3 | 4;
  const labels = { 1: 'Weak', 2: 'Fair', 3: 'Good', 4: 'Strong' } as const;
  const hints = {
    1: 'Accepted, but easy to guess. A few unrelated words make a stronger password.',
    2: 'Fair. Longer is better: 16 characters or more.',
    3: 'Hard to guess.',
    4: 'Very hard to guess.',
  } as const;
  return { score, label: labels[score], hint: hints[score] };
}
