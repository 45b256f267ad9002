/** A bad value in the environment; main.ts prints the message and exits with code 2. */
export class ConfigError extends Error {
  override name = 'ConfigError';
}
