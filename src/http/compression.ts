/**
 * Compression of answers, one setting for both request pipelines (GraphQL on Node's server,
 * graphql-http.ts; the pages on Express, web.ts): `compression` (expressjs), which works on Node's
 * own request and response. Brotli or gzip as the client's Accept-Encoding prefers (brotli when it
 * takes both), for answers of at least THRESHOLD bytes of a compressible type (JSON, HTML,
 * JavaScript, CSS, SVG); smaller answers go as they are, where compressing costs more than it
 * saves. Every compressible answer says `Vary: Accept-Encoding`, so that a cache between keeps
 * each encoding apart.
 */
import { constants } from 'node:zlib';
import compression from 'compression';
import type { Handler } from './graphql-http';

/** Smallest answer compressed, in bytes: below a TCP segment or two, compressing gains nothing. */
export const COMPRESSION_THRESHOLD = 1024;

/**
 * Brotli quality 4 (of 11), compression's default: GraphiQL's script and style (1.43 MB) in 20 ms,
 * as small as gzip's (0.60 MB); quality 11 saves another 10% in 1.9 s, too slow to run per answer.
 * Gzip at zlib's default level 6 (docs/benchmarks.md, "Compression").
 */
const BROTLI_QUALITY = 4;

export function compressAnswers(): Handler {
  return compression({
    threshold: COMPRESSION_THRESHOLD,
    brotli: { params: { [constants.BROTLI_PARAM_QUALITY]: BROTLI_QUALITY } },
  }) as unknown as Handler;
}
