import { DAY, HOUR, MINUTE, SECOND } from './clock.ts';
import type { EstateModel } from './live.ts';
import { hex, keyOf, mix, pick, unit, wander } from './noise.ts';

export const PMG_NODE = 'pmg1';

/** Counters of `/statistics/mail` (and each `/statistics/mailcount` bucket). */
export interface MailCounts {
  count: number;
  count_in: number;
  count_out: number;
  spamcount_in: number;
  spamcount_out: number;
  viruscount_in: number;
  viruscount_out: number;
  glcount: number;
  spfcount: number;
  rbl_rejects: number;
  pregreet_rejects: number;
  bounces_in: number;
  bounces_out: number;
  junk_in: number;
  junk_out: number;
  bytes_in: number;
  bytes_out: number;
  avptime: number;
}

const zero = (): MailCounts => ({
  count: 0,
  count_in: 0,
  count_out: 0,
  spamcount_in: 0,
  spamcount_out: 0,
  viruscount_in: 0,
  viruscount_out: 0,
  glcount: 0,
  spfcount: 0,
  rbl_rejects: 0,
  pregreet_rejects: 0,
  bounces_in: 0,
  bounces_out: 0,
  junk_in: 0,
  junk_out: 0,
  bytes_in: 0,
  bytes_out: 0,
  avptime: 0,
});

export interface QueuedMail {
  queue: string;
  queueId: string;
  arrival: number;
  size: number;
  sender: string;
  receiver: string;
  reason: string;
}

const queueShapes: Record<string, { periodMs: number; minLife: number; maxLife: number }> = {
  deferred: { periodMs: 17 * MINUTE, minLife: 10 * MINUTE, maxLife: 7 * HOUR },
  active: { periodMs: 40 * SECOND, minLife: 1 * SECOND, maxLife: 25 * SECOND },
  incoming: { periodMs: 90 * SECOND, minLife: 1 * SECOND, maxLife: 6 * SECOND },
  hold: { periodMs: 3 * DAY, minLife: 2 * DAY, maxLife: 5 * DAY },
};

/**
 * The mail gateway: hourly traffic with a working-day curve, a spam and virus share, and
 * postfix queues where each mail arrives and leaves at a seeded time.
 */
export class PmgModel {
  readonly #model: EstateModel;
  readonly #seed: number;

  constructor(model: EstateModel) {
    this.#model = model;
    this.#seed = keyOf(model.plan.seed, 'pmg');
  }

  /** Full counters of one clock hour. */
  hour(h: number): MailCounts {
    const { inboundPerHour, outboundPerHour } = this.#model.plan.pmg;
    const hourOfDay = h % 24;
    const curve = 0.2 + 0.8 * Math.max(0, Math.sin((Math.PI * (hourOfDay - 6)) / 14));
    const r = (n: number) => unit(mix(this.#seed, h), n);
    const delivered = Math.round(inboundPerHour * curve * (0.8 + 0.4 * r(1)));
    const out = Math.round(outboundPerHour * curve * (0.75 + 0.5 * r(2)));
    const spam = Math.round(delivered * (0.14 + 0.1 * r(3)));
    const virus = Math.floor(delivered * 0.004 + r(4) * 1.5);
    const gl = Math.round(delivered * 0.01 * r(5));
    const spf = Math.round(delivered * 0.008 * r(6));
    const rbl = Math.round(delivered * (0.3 + 0.2 * r(7)));
    const pregreet = Math.round(delivered * 0.05 * r(8));
    const countIn = delivered + rbl + pregreet;
    return {
      count: countIn + out,
      count_in: countIn,
      count_out: out,
      spamcount_in: spam,
      spamcount_out: r(9) < 0.05 ? 1 : 0,
      viruscount_in: virus,
      viruscount_out: 0,
      glcount: gl,
      spfcount: spf,
      rbl_rejects: rbl,
      pregreet_rejects: pregreet,
      bounces_in: Math.round(delivered * 0.02 * r(10)),
      bounces_out: Math.round(out * 0.015 * r(11)),
      junk_in: virus + spam + gl + spf + rbl + pregreet,
      junk_out: 0,
      bytes_in: Math.round(delivered * (38_000 + 20_000 * r(12))),
      bytes_out: Math.round(out * (25_000 + 15_000 * r(13))),
      avptime: 0.6 + 0.9 * r(14),
    };
  }

  /** Counters for [from, to) in ms; the current hour counts only what has arrived so far. */
  counts(from: number, to: number): MailCounts {
    const total = zero();
    let weightedTime = 0;
    for (let h = Math.floor(from / HOUR); h * HOUR < to; h++) {
      const start = Math.max(from, h * HOUR);
      const end = Math.min(to, (h + 1) * HOUR);
      if (end <= start) continue;
      const share = (end - start) / HOUR;
      const c = this.hour(h);
      for (const key of Object.keys(total) as (keyof MailCounts)[]) {
        if (key === 'avptime') continue;
        total[key] += Math.floor(c[key] * share);
      }
      weightedTime += c.avptime * Math.floor(c.count_in * share);
    }
    total.avptime = total.count_in > 0 ? weightedTime / total.count_in : 0;
    return total;
  }

  spamScores(from: number, to: number): { level: number; count: number; ratio: number }[] {
    const c = this.counts(from, to);
    const scanned = c.count_in - c.rbl_rejects - c.pregreet_rejects;
    const weights = [0.56, 0.12, 0.06, 0.04, 0.03, 0.035, 0.035, 0.03, 0.025, 0.02, 0.035];
    return weights.map((w, level) => {
      const count = Math.round(scanned * w);
      return { level, count, ratio: scanned > 0 ? count / scanned : 0 };
    });
  }

  /** Quarantine numbers come from PostgreSQL as long decimal strings. */
  quarantine(kind: 'spam' | 'virus', at: number): Record<string, number | string> {
    const week = this.counts(at - 7 * DAY, at);
    const count = kind === 'spam' ? Math.round(week.spamcount_in * 0.9) : week.viruscount_in;
    if (count === 0) return { count: 0, mbytes: 0, avgbytes: 0, avgspam: 0 };
    const avgBytes = kind === 'spam' ? 41_234.5 : 188_420.25;
    const mbytes = (count * avgBytes) / 1_048_576;
    const decimals = (n: number) => n.toFixed(20);
    return {
      count,
      mbytes: decimals(mbytes),
      avgbytes: decimals(avgBytes),
      avgspam: decimals(kind === 'spam' ? 7.8 + wander(this.#seed, at, DAY) : 0),
    };
  }

  /** Mails in a postfix queue at `at` (oldest first). */
  queue(name: string, at: number): QueuedMail[] {
    const shape = queueShapes[name];
    if (!shape) return [];
    const scale = this.#model.plan.size === 'large' ? 4 : 1;
    const period = shape.periodMs / scale;
    const out: QueuedMail[] = [];
    const domains = ['example.net', 'mail.example.org', 'lists.example.com', 'example.info'];
    for (let j = Math.floor((at - shape.maxLife) / period); j * period <= at; j++) {
      const k = keyOf(this.#seed, name, j);
      const arrival = j * period + Math.floor(unit(k, 1) * period);
      const life = shape.minLife + unit(k, 2) * (shape.maxLife - shape.minLife);
      if (arrival > at || arrival + life <= at) continue;
      const domain = pick(domains, unit(k, 3));
      out.push({
        queue: name,
        queueId: hex(mix(k, 4), 8).slice(0, 5) + hex(mix(k, 5), 8).slice(0, 5),
        arrival,
        size: 2_000 + Math.floor(unit(k, 6) * 80_000),
        sender: `${pick(['noreply', 'billing', 'alerts', 'team'], unit(k, 7))}@example.com`,
        receiver: `${pick(['info', 'sales', 'j.doe', 'support'], unit(k, 8))}@${domain}`,
        reason:
          name === 'deferred'
            ? `connect to ${domain}[203.0.113.${Math.floor(unit(k, 9) * 200) + 1}]:25: Connection timed out`
            : '',
      });
    }
    return out;
  }
}
