import pino, { type Logger } from 'pino';
import type { Config } from '../config';

/** Structured JSON logs (stdout for the server, stderr for the CLI, whose stdout is its report). */
export function createLogger(config: Pick<Config, 'logLevel'>, destination: 1 | 2 = 1): Logger {
  return pino({ level: config.logLevel, base: { service: 'dutyhub' } }, pino.destination(destination));
}
