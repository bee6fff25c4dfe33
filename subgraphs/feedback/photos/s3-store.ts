// Photos in an S3-compatible bucket (AWS S3, MinIO, Ceph RGW, a province's own object store): PUT, GET
// and DELETE on endpoint/bucket/key (path-style, which every S3-compatible server understands), signed
// with AWS Signature Version 4 by `aws4`, over a pooled undici connection.
import { createHash } from 'node:crypto';
import aws4 from 'aws4';
import { Agent, request } from 'undici';
import type { Dispatcher } from 'undici';
import type { S3Settings } from './config.ts';
import { assertBlobKey } from '../../kit/uploads/store.ts';
import type { BlobStore } from '../../kit/uploads/store.ts';

/** SHA-256 of `bytes`, hex (the x-amz-content-sha256 of a signed payload). */
export function payloadHash(bytes: Buffer | string): string {
  return createHash('sha256').update(bytes).digest('hex');
}

/** What is signed: the request line and headers; the body only through its hash. */
export interface RequestToSign {
  readonly method: string;
  /** host[:port], as sent in the Host header. */
  readonly host: string;
  /** Path and query, unencoded or percent-encoded (S3 canonicalises both alike). */
  readonly path: string;
  readonly headers?: Readonly<Record<string, string>>;
  readonly payloadHash: string;
}

/**
 * The headers to send for `req`, signed with SigV4 for service s3: the caller's, plus x-amz-date,
 * x-amz-content-sha256 and Authorization. `now` is for the published test vectors.
 */
export function signS3Request(req: RequestToSign, credentials: Pick<S3Settings, 'accessKeyId' | 'secretAccessKey' | 'region'>, now = new Date()): Record<string, string> {
  const headers: Record<string, string> = {
    ...req.headers,
    'X-Amz-Content-Sha256': req.payloadHash,
    'X-Amz-Date': now.toISOString().replace(/[:-]|\.\d{3}/g, ''),
  };
  const signed = aws4.sign(
    { service: 's3', region: credentials.region, method: req.method, host: req.host, path: req.path, headers },
    { accessKeyId: credentials.accessKeyId, secretAccessKey: credentials.secretAccessKey },
  );
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(signed.headers ?? {})) {
    // undici sets Host from the URL (the same value that was signed).
    if (name.toLowerCase() !== 'host' && value !== undefined) out[name.toLowerCase()] = String(value);
  }
  return out;
}

/** A bucket of an S3-compatible service. */
export class S3PhotoStore implements BlobStore {
  readonly #settings: S3Settings;
  readonly #agent: Agent;
  readonly description: string;

  constructor(settings: S3Settings, timeoutMs = 30_000) {
    this.#settings = settings;
    this.#agent = new Agent({ connections: 16, keepAliveTimeout: 30_000, headersTimeout: timeoutMs, bodyTimeout: timeoutMs });
    this.description = `s3:${settings.endpoint}/${settings.bucket}`;
  }

  async #send(method: 'PUT' | 'GET' | 'DELETE', key: string, body?: Buffer, contentType?: string): Promise<Dispatcher.ResponseData> {
    assertBlobKey(key);
    const url = new URL(`/${encodeURIComponent(this.#settings.bucket)}/${encodeURIComponent(key)}`, this.#settings.endpoint);
    const headers = signS3Request({ method, host: url.host, path: url.pathname, headers: contentType ? { 'Content-Type': contentType } : {}, payloadHash: payloadHash(body ?? '') }, this.#settings);
    return request(url, { method, headers, body, dispatcher: this.#agent });
  }

  async put(key: string, bytes: Buffer, contentType: string): Promise<void> {
    const response = await this.#send('PUT', key, bytes, contentType);
    await response.body.dump();
    if (response.statusCode !== 200) throw new Error(`S3 PUT answered ${response.statusCode}`);
  }

  async get(key: string): Promise<Buffer | undefined> {
    const response = await this.#send('GET', key);
    if (response.statusCode === 404) {
      await response.body.dump();
      return undefined;
    }
    if (response.statusCode !== 200) {
      await response.body.dump();
      throw new Error(`S3 GET answered ${response.statusCode}`);
    }
    return Buffer.from(await response.body.arrayBuffer());
  }

  async delete(key: string): Promise<void> {
    const response = await this.#send('DELETE', key);
    await response.body.dump();
    if (response.statusCode !== 204 && response.statusCode !== 200 && response.statusCode !== 404) throw new Error(`S3 DELETE answered ${response.statusCode}`);
  }

  /** Close the pooled connections. */
  close(): Promise<void> {
    return this.#agent.close();
  }
}
