import type { SyncState } from '../store/types';

/** What GET /v1/connections/:id shows of polling (API.md § Change events): per swept resource. */
export interface SyncView {
  resources: Record<string, { lastSweepAt: string | null; watermark: string; lastError: { code: string; message: string; at: string } | null }>;
}

export function syncView(states: SyncState[]): SyncView {
  return {
    resources: Object.fromEntries(states.map((s) => [s.resource, { lastSweepAt: s.lastSweepAt, watermark: s.watermark.updatedAt, lastError: s.lastError }])),
  };
}

const nullableTime = { type: ['string', 'null'], format: 'date-time' } as const;

export const syncViewSchema = {
  type: 'object',
  description: 'Change detection by polling, per swept resource (empty where the provider has no polled resource or no webhook subscribes to one)',
  properties: {
    resources: {
      type: 'object',
      additionalProperties: {
        type: 'object',
        properties: {
          lastSweepAt: nullableTime,
          watermark: { type: 'string', format: 'date-time', description: 'Every change up to this update time has been recorded' },
          lastError: {
            type: ['object', 'null'],
            properties: { code: { type: 'string' }, message: { type: 'string' }, at: { type: 'string', format: 'date-time' } },
          },
        },
      },
    },
  },
} as const;
