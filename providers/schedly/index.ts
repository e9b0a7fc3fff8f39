import manifestJson from './manifest.json';
import { defineProvider, type ProviderManifest } from '../../src/provider-sdk';
import { adapter } from './adapter';
import { schedlySandbox } from './sandbox';

export default defineProvider({ manifest: manifestJson as ProviderManifest, sandbox: schedlySandbox, adapter });
