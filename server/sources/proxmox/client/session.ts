import { isProxmoxError } from './errors.ts';

export interface Ticket {
  ticket: string;
  csrf: string;
  /** Local clock at login; the server's clock may differ, so only ages are compared. */
  issuedAt: number;
}

export type LoginFn = (username: string, password: string) => Promise<Omit<Ticket, 'issuedAt'>>;

/** Tickets live 2 h; the GUI renews every 15 min. Renewing at 90 min leaves slack for slow logins. */
const RENEW_AFTER_MS = 90 * 60_000;
/** Past this age a renewal might arrive after expiry, so log in with the password instead. */
const RENEWABLE_UNTIL_MS = 115 * 60_000;

/**
 * One ticket shared by every request of a client. Concurrent callers that find it missing or
 * old wait for the same login, so a burst of polls never stampedes `/access/ticket`.
 */
export class TicketSession {
  readonly username: string;
  #password: string;
  #login: LoginFn;
  #current: Ticket | null = null;
  #pending: Promise<Ticket> | null = null;

  constructor(username: string, password: string, login: LoginFn) {
    this.username = username;
    this.#password = password;
    this.#login = login;
  }

  ticket(): Promise<Ticket> {
    const current = this.#current;
    if (current !== null && Date.now() - current.issuedAt < RENEW_AFTER_MS) {
      return Promise.resolve(current);
    }
    if (this.#pending === null) {
      this.#pending = this.#refresh(current).finally(() => {
        this.#pending = null;
      });
    }
    return this.#pending;
  }

  /** Drops a ticket the server refused, unless another request already replaced it. */
  invalidate(ticket: Ticket): void {
    if (this.#current === ticket) this.#current = null;
  }

  async #refresh(current: Ticket | null): Promise<Ticket> {
    if (current !== null && Date.now() - current.issuedAt < RENEWABLE_UNTIL_MS) {
      try {
        // Posting the current ticket as the password renews it without the stored password.
        return this.#store(await this.#login(this.username, current.ticket));
      } catch (error) {
        if (!isProxmoxError(error, 'auth')) throw error;
      }
    }
    this.#current = null;
    return this.#store(await this.#login(this.username, this.#password));
  }

  #store(fresh: Omit<Ticket, 'issuedAt'>): Ticket {
    this.#current = { ...fresh, issuedAt: Date.now() };
    return this.#current;
  }
}
