import { PaymentRequiredError } from '../errors.ts';

/**
 * Pulse's Pro feature names (its `pkg/licensing/features.go`), those this server gates.
 * `ai_autofix` is the Pro patrol beyond "watch only": following a run live, running on
 * demand, acknowledging, snoozing and suppressing findings.
 */
export const proFeatures = [
  'ai_autofix',
  'ai_alerts',
  'kubernetes_ai',
  'long_term_metrics',
] as const;
export type ProFeature = (typeof proFeatures)[number];

/** The feature the interactive patrol routes need. */
export const patrolFeature: ProFeature = 'ai_autofix';

export interface LicenseStatus {
  features: ProFeature[];
  /** Unlocked because the demo estate runs, not by a key. */
  demo: boolean;
}

/**
 * Which Pro features this install may use. The licensing work fills `grant` from signed
 * keys; until then nothing is granted, except that while the demo estate runs every Pro
 * feature is unlocked, so the demo shows what Pro does (it monitors nothing real).
 */
export class LicenseService {
  readonly #granted = new Set<ProFeature>();
  readonly #demoRunning: () => boolean;

  constructor(demoRunning: () => boolean, granted: readonly ProFeature[] = []) {
    this.#demoRunning = demoRunning;
    this.grant(granted);
  }

  /** Replaces the features a verified key grants. */
  grant(features: readonly ProFeature[]): void {
    this.#granted.clear();
    for (const feature of features) this.#granted.add(feature);
  }

  has(feature: ProFeature): boolean {
    return this.#granted.has(feature) || this.#demoRunning();
  }

  /** Throws PaymentRequiredError (REST 402) unless the feature is licensed. */
  requireFeature(feature: ProFeature, what = 'This feature'): void {
    if (!this.has(feature)) {
      throw new PaymentRequiredError(`${what} requires Pulse Pro (feature ${feature})`, feature);
    }
  }

  status(): LicenseStatus {
    const demo = this.#demoRunning();
    return { features: proFeatures.filter((f) => this.has(f)), demo };
  }
}
