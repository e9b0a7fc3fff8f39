import type { Readable } from 'node:stream';

/**
 * A provider's answer as passthrough serves it: the head, and the body as it arrives (a Readable to
 * pipe on, never parsed here), or read whole (a Buffer) when the resilience layer had to read it to
 * classify the answer (see ProviderHttp.stream).
 */
export interface ProviderStream {
  status: number;
  /** Lower-cased, repeated ones joined with ", ". */
  headers: Record<string, string>;
  contentType: string | null;
  body: Readable | Buffer;
}
