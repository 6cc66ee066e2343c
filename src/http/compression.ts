/**
 * Compression of answers, one setting for both request pipelines: brotli or gzip as the client's
 * Accept-Encoding prefers (brotli when it takes both), for answers of at least THRESHOLD bytes;
 * smaller answers go as they are, where compressing costs more than it saves. Every compressible
 * answer says `Vary: Accept-Encoding`, so that a cache between keeps each encoding apart.
 * - The pages' files (web.ts) stream through `compression` (expressjs), for every type it knows
 *   compressible (HTML, JavaScript, CSS, SVG).
 * - A GraphQL answer (graphql-http.ts) is one string already: encodedAnswer compresses it in one
 *   call on zlib's thread pool, with the same negotiation (negotiator, compression's own) and
 *   settings. `compression` wraps every response's writes and headers, which cost a small lookup
 *   5% of its requests a second though it compressed nothing (docs/benchmarks.md).
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { promisify } from 'node:util';
import { brotliCompress, constants, gzip } from 'node:zlib';
import compression from 'compression';
import Negotiator from 'negotiator';
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

/** The encodings a GraphQL answer is sent in, brotli first when the client takes both alike. */
const ENCODINGS = ['br', 'gzip', 'identity'];
const PREFERRED = ['br', 'gzip'];
const compressWith = {
  br: (bytes: Buffer) =>
    promisify(brotliCompress)(bytes, { params: { [constants.BROTLI_PARAM_QUALITY]: BROTLI_QUALITY } }),
  gzip: (bytes: Buffer) => promisify(gzip)(bytes),
};

/**
 * Sends a whole answer with its length, compressed as the client accepts when it is THRESHOLD
 * bytes or more and `compress` is on; the answer says it varies by Accept-Encoding whenever
 * `compress` is on.
 */
export async function sendAnswer(
  request: IncomingMessage,
  response: ServerResponse,
  body: string,
  compress: boolean,
): Promise<void> {
  const length = Buffer.byteLength(body);
  if (compress) response.setHeader('vary', 'Accept-Encoding');
  const encoding =
    compress && length >= COMPRESSION_THRESHOLD && request.method !== 'HEAD'
      ? new Negotiator(request).encoding(ENCODINGS, { preferred: PREFERRED })
      : undefined;
  if (encoding === 'br' || encoding === 'gzip') {
    const compressed = await compressWith[encoding](Buffer.from(body));
    response.setHeader('content-encoding', encoding);
    response.setHeader('content-length', compressed.length);
    response.end(compressed);
    return;
  }
  response.setHeader('content-length', length);
  response.end(body);
}
