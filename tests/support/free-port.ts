/** A TCP port on 127.0.0.1 that was free a moment ago: for servers the tests and benches start. */
export { freePort } from '../../src/db/tcp-port';
