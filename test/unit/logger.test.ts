import { Writable } from 'node:stream';
import { pino } from 'pino';
import { describe, expect, it } from 'vitest';
import { createLogger } from '../../server/log/logger.ts';

describe('createLogger', () => {
  it('redacts secret-looking keys at any depth', () => {
    const lines: string[] = [];
    const sink = new Writable({
      write(chunk, _encoding, done) {
        lines.push(String(chunk));
        done();
      },
    });
    const log = createLogger('info', sink);
    log.info(
      {
        password: 'p1',
        node: { tokenValue: 't1', host: 'pve.lan' },
        request: { headers: { authorization: 'Bearer t2' } },
      },
      'adding node',
    );
    const output = lines.join('');
    for (const secret of ['p1', 't1', 't2']) expect(output).not.toContain(secret);
    expect(output).toContain('pve.lan');
    expect(output).toContain('[redacted]');
  });

  it('honours the level', () => {
    expect(createLogger('warn', pino.destination('/dev/null')).isLevelEnabled('info')).toBe(false);
  });
});
