import { ask } from '../../graphql/answers.ts';
import { AiModelsQuery } from '../../graphql/documents/ai-settings.ts';
import type { AiModelsQuery as ModelsResult } from '../../graphql/generated/graphql.ts';

type Listing = Extract<ModelsResult['aiModels'], { __typename: 'QueryAiModelsSuccess' }>['data'];
export type ListedModel = Listing['models'][number];
export type ProviderStatus = Listing['providers'][number];

/**
 * The models the saved providers report, asked live. Each provider answers on its own: one
 * with a bad key or down says why, and the others' models are still there to pick.
 */
export class ModelListing {
  models = $state<ListedModel[]>([]);
  providers = $state<ProviderStatus[]>([]);
  /** Why the listing itself failed (not one provider: the request). */
  error = $state<string | null>(null);
  loading = $state(false);
  /** At least one answer arrived. */
  loaded = $state(false);
  #asked = 0;

  async load(): Promise<void> {
    const asked = ++this.#asked;
    this.loading = true;
    const outcome = await ask('query', AiModelsQuery, {}, (d) => d.aiModels);
    // A slower, older answer must not replace the one for the providers just saved.
    if (asked !== this.#asked) return;
    this.loading = false;
    this.loaded = true;
    if (!outcome.ok) {
      this.error = outcome.message;
      return;
    }
    this.error = null;
    this.models = outcome.data.models;
    this.providers = outcome.data.providers;
  }
}

const reasons: Record<string, string> = {
  bad_key: 'Key rejected',
  unreachable: 'Unreachable',
  model_missing: 'Model missing',
  rate_limited: 'Rate limited',
  provider_error: 'Provider error',
};

/** A failure's short label for its badge; the message says the rest. */
export const reasonLabel = (reason: string | null) => (reason && reasons[reason]) ?? 'Not working';
