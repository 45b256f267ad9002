export type LogLevel = 'debug' | 'info' | 'warn' | 'error';

export interface AgentLog {
  debug(message: string): void;
  info(message: string): void;
  warn(message: string): void;
  error(message: string): void;
}

const order: Record<LogLevel, number> = { debug: 10, info: 20, warn: 30, error: 40 };

export const isLogLevel = (value: string): value is LogLevel => value in order;

/**
 * Plain lines on stderr, `<ISO time> <LEVEL> <message>`: journald and `docker logs` keep them
 * as they are, and a person reads them without a JSON viewer.
 */
export function createLog(
  level: LogLevel = 'info',
  write: (line: string) => void = (line) => process.stderr.write(line),
  now: () => Date = () => new Date(),
): AgentLog {
  const at = (lineLevel: LogLevel) => (message: string) => {
    if (order[lineLevel] < order[level]) return;
    write(`${now().toISOString()} ${lineLevel.toUpperCase().padEnd(5)} ${message}\n`);
  };
  return { debug: at('debug'), info: at('info'), warn: at('warn'), error: at('error') };
}
