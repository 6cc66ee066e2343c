import { Writable } from 'node:stream';
import pino, { type Level, type Logger } from 'pino';

/** A logger at `level` whose lines the test reads back, parsed, in `lines`. */
export function capturedLogger<Line = Record<string, unknown>>(level: Level): { logger: Logger; lines: Line[] } {
  const lines: Line[] = [];
  const sink = new Writable({
    write(chunk, _encoding, done) {
      lines.push(JSON.parse(String(chunk)));
      done();
    },
  });
  return { logger: pino({ level }, sink), lines };
}
