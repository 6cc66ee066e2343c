/**
 * negotiator 1.x, as compression.ts uses it (its own types on DefinitelyTyped describe 0.6, which
 * has no `preferred` order): the best of `available` for the request's Accept-Encoding.
 */
declare module 'negotiator' {
  import type { IncomingMessage } from 'node:http';

  export default class Negotiator {
    constructor(request: IncomingMessage);
    encoding(available: string[], options?: { preferred?: string[] }): string | undefined;
  }
}
