import { afterAll, beforeAll } from '@jest/globals';

/**
 * Something the tests of a block share (a hub, a database, a browser): made in beforeAll and
 * disposed of in afterAll of the calling describe block, or of the file at its top level. What it
 * returns stands for the thing in the block's tests and hooks; touching it while jest collects the
 * tests, before beforeAll ran, is an error that says so.
 */
export function useForBlock<Shared extends object>(
  what: string,
  make: () => Promise<Shared>,
  dispose: (shared: Shared) => Promise<void>,
  timeout?: number,
): Shared {
  let shared: Shared | undefined;
  beforeAll(async () => {
    shared = await make();
  }, timeout);
  afterAll(async () => {
    if (shared) await dispose(shared);
    shared = undefined;
  });
  return new Proxy({} as Shared, {
    get(_target, key) {
      if (!shared) throw new Error(`${what} exists from beforeAll to afterAll only: use it in tests and hooks`);
      const member = Reflect.get(shared, key);
      return typeof member === 'function' ? member.bind(shared) : member;
    },
  });
}
