// HTTP load from autocannon (loopback, bounded in time) for the serving tests and the benchmark,
// with every response body seen by `onBody` when given (e.g. to count which version answered).
import autocannon from 'autocannon';

export interface LoadOptions {
  url: string;
  path: string;
  body: string;
  connections: number;
  seconds: number;
  onBody?: (status: number, body: string) => void;
  /** Every response's status and latency (ms), as it arrives. */
  onResponse?: (status: number, ms: number) => void;
}

export function runLoad(o: LoadOptions): { done: Promise<autocannon.Result>; stop(): void } {
  let instance: autocannon.Instance | undefined;
  const done = new Promise<autocannon.Result>((resolve, reject) => {
    instance = autocannon({
      url: o.url, connections: o.connections, duration: o.seconds, timeout: 30,
      requests: [{
        method: 'POST', path: o.path, body: o.body, headers: { 'content-type': 'application/json' },
        ...(o.onBody ? { onResponse: (status: number, body: string) => o.onBody!(status, body) } : {}),
      }],
    }, (err, result) => (err ? reject(err) : resolve(result)));
  });
  if (o.onResponse) instance!.on('response', (_client, status, _bytes, ms) => o.onResponse!(status, ms));
  return { done, stop: () => instance?.stop() };
}
