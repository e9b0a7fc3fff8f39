import { ERROR_CODES } from '../errors';

/** Shared response schemas (the envelope of API.md) used by the route specs and the OpenAPI document. */
export const errorEnvelopeSchema = {
  type: 'object',
  required: ['error'],
  properties: {
    error: {
      type: 'object',
      required: ['code', 'message', 'details', 'requestId'],
      properties: {
        code: { type: 'string', enum: ERROR_CODES },
        message: { type: 'string' },
        details: { type: 'object' },
        requestId: { type: 'string' },
      },
    },
  },
} as const;

export function dataEnvelope(data: Record<string, unknown>): Record<string, unknown> {
  return {
    type: 'object',
    required: ['data', 'meta'],
    properties: { data, meta: { type: 'object', properties: { requestId: { type: 'string' } } } },
  };
}

export function listEnvelope(item: Record<string, unknown>): Record<string, unknown> {
  return {
    type: 'object',
    required: ['data', 'meta'],
    properties: {
      data: { type: 'array', items: item },
      meta: {
        type: 'object',
        properties: { requestId: { type: 'string' }, nextCursor: { type: ['string', 'null'] }, hasMore: { type: 'boolean' } },
      },
    },
  };
}
