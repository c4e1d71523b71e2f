/**
 * One HTTP request to an operator system over node:http(s): the answer's status and body text,
 * or a rejection. The agent carries mTLS material and keep-alive; the signal aborts the request
 * and its body read (the caller's timeout).
 */
import { request as httpRequest, type Agent as HttpAgent } from 'node:http';
import { Agent as HttpsAgent, request as httpsRequest } from 'node:https';

export interface TlsMaterial {
  /** PEM texts (the CLI reads them from the files named by the mTLS flags). */
  readonly key?: string | undefined;
  readonly cert?: string | undefined;
  readonly ca?: string | undefined;
}

export interface Exchange {
  readonly status: number;
  readonly body: string;
}

/** Bodies larger than this are refused: no operator answer we read is anywhere near it. */
export const maxBodyBytes = 1024 * 1024;

export class BodyTooLarge extends Error {}

export function agentFor(url: URL, tls?: TlsMaterial): HttpAgent | HttpsAgent | undefined {
  if (url.protocol !== 'https:') return undefined;
  return new HttpsAgent({
    keepAlive: true,
    ...(tls?.key ? { key: tls.key } : {}),
    ...(tls?.cert ? { cert: tls.cert } : {}),
    ...(tls?.ca ? { ca: tls.ca } : {}),
  });
}

export function exchange(
  url: URL,
  o: {
    method: string;
    headers: Record<string, string>;
    body?: string | undefined;
    agent?: HttpAgent | HttpsAgent | undefined;
    signal: AbortSignal;
  },
): Promise<Exchange> {
  const send = url.protocol === 'https:' ? httpsRequest : httpRequest;
  return new Promise((resolve, reject) => {
    const req = send(
      url,
      {
        method: o.method,
        headers: {
          ...o.headers,
          ...(o.body !== undefined ? { 'content-length': String(Buffer.byteLength(o.body)) } : {}),
        },
        ...(o.agent ? { agent: o.agent } : {}),
        signal: o.signal,
      },
      (res) => {
        const chunks: Buffer[] = [];
        let size = 0;
        res.on('data', (c: Buffer) => {
          size += c.length;
          if (size > maxBodyBytes) {
            res.destroy();
            reject(new BodyTooLarge(`answer larger than ${maxBodyBytes} bytes`));
          } else chunks.push(c);
        });
        res.on('end', () =>
          resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') }),
        );
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    req.end(o.body);
  });
}
