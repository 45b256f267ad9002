import { type DestinationStream, type Logger, pino } from 'pino';
import type { LogLevel } from '../config/env.ts';

export type { Logger };

/** Keys whose values never reach a log line, wherever they sit in a logged object. */
const secretKeys = [
  'password',
  'pass',
  'token',
  'tokenValue',
  'secret',
  'apiKey',
  'authorization',
  'cookie',
  'credentials',
];
const redact = secretKeys.flatMap((key) => [key, `*.${key}`, `*.*.${key}`]);

export function createLogger(level: LogLevel, destination?: DestinationStream): Logger {
  const options = {
    level,
    base: { service: 'pulse' },
    redact: { paths: redact, censor: '[redacted]' },
    timestamp: pino.stdTimeFunctions.isoTime,
  };
  return destination ? pino(options, destination) : pino(options);
}
