import manifestJson from './manifest.json';
import { defineProvider, type ProviderManifest } from '../../src/provider-sdk';
import { adapter } from './adapter';
import { sandbox } from './sandbox';

/** The bookings API for bots (seed 004): booking links, per-day availability, bookings; each connection brings its API base URL. */
export default defineProvider({ manifest: manifestJson as ProviderManifest, sandbox, adapter });
