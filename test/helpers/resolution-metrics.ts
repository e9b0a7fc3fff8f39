/** A gateway's resolution cache counters (`gateway_resolution_cache_lookups_total`), read from its /metrics. */
export interface ResolutionLookups {
  end_user: { hit: number; miss: number };
  connection: { hit: number; miss: number };
}

export async function resolutionLookups(baseUrl: string): Promise<ResolutionLookups> {
  const text = await (await fetch(`${baseUrl}/metrics`)).text();
  const value = (kind: string, outcome: string): number => {
    const m = new RegExp(`^gateway_resolution_cache_lookups_total\\{kind="${kind}",outcome="${outcome}"\\} (\\d+)$`, 'm').exec(text);
    return m ? Number(m[1]) : 0;
  };
  return {
    end_user: { hit: value('end_user', 'hit'), miss: value('end_user', 'miss') },
    connection: { hit: value('connection', 'hit'), miss: value('connection', 'miss') },
  };
}

/** How many changes dropped cached resolutions in a gateway: made there (`local`) or heard from another process (`remote`). */
export async function resolutionInvalidations(baseUrl: string, origin: 'local' | 'remote'): Promise<number> {
  const text = await (await fetch(`${baseUrl}/metrics`)).text();
  const m = new RegExp(`^gateway_resolution_cache_invalidations_total\\{origin="${origin}"\\} (\\d+)$`, 'm').exec(text);
  return m ? Number(m[1]) : 0;
}
