/**
 * Reads a request body up to a size limit. A body announced or found to be larger is refused at
 * once (413); Node discards the rest of it after the response, so the connection stays usable.
 */
import type { IncomingMessage } from 'node:http';
import { ServingError } from '../errors';

function tooLarge(limit: number): ServingError {
  return new ServingError(`the request body is larger than ${limit} bytes; send fewer rows per request (or raise serving.maxBodyMB)`, 'too-large', 'too_large');
}

export function readBody(req: IncomingMessage, limit: number): Promise<Buffer> {
  const announced = Number(req.headers['content-length']);
  if (Number.isFinite(announced) && announced > limit) return Promise.reject(tooLarge(limit));
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let done = false;
    const onData = (chunk: Buffer) => {
      if (done) return;
      size += chunk.length;
      if (size > limit) {
        done = true;
        chunks.length = 0;
        reject(tooLarge(limit));
        return;
      }
      chunks.push(chunk);
    };
    req.on('data', onData);
    req.on('end', () => { if (!done) { done = true; resolve(chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks, size)); } });
    req.on('error', (e) => { if (!done) { done = true; reject(e); } });
  });
}

/** Parses JSON; a syntax error is a 400 that says where the JSON broke. */
export function parseJson(body: Buffer): unknown {
  try {
    return JSON.parse(body.toString('utf8'));
  } catch (e) {
    throw new ServingError(`the body is not valid JSON (${(e as Error).message})`, 'bad-input', 'malformed_json');
  }
}
