/** One webhook attempt as the history shows it; the URL is redacted (tokens live there). */
export interface WebhookAttempt {
  webhookId: string | null;
  webhookName: string;
  service: string;
  url: string;
  event: string;
  success: boolean;
  statusCode: number | null;
  durationMs: number;
  error: string | null;
  timestamp: string;
}

/** The last 100 attempts, newest first, in memory: a diagnostic, not an audit log. */
export class WebhookHistory {
  readonly #entries: WebhookAttempt[] = [];
  readonly #limit: number;

  constructor(limit = 100) {
    this.#limit = limit;
  }

  record(entry: WebhookAttempt): void {
    this.#entries.unshift(entry);
    if (this.#entries.length > this.#limit) this.#entries.length = this.#limit;
  }

  list(): WebhookAttempt[] {
    return [...this.#entries];
  }
}
