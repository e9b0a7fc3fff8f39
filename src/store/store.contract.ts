/**
 * The one contract every storage adapter passes. Each test gets a fresh store from `open`, so
 * global operations (claimDue, locks) only see that test's rows. The cases live in
 * ./contract/, one file per aggregate; this file only composes them.
 */
import { accountsContract } from './contract/accounts.contract';
import { connectContract } from './contract/connect.contract';
import { connectionsContract } from './contract/connections.contract';
import { useFreshStore, type OpenStore } from './contract/contract-kit';
import { endUsersContract } from './contract/end-users.contract';
import { fieldMappingsContract } from './contract/field-mappings.contract';
import { idempotencyContract } from './contract/idempotency.contract';
import { inFlightWritesContract } from './contract/in-flight-writes.contract';
import { lifecycleContract } from './contract/lifecycle.contract';
import { locksContract } from './contract/locks.contract';
import { recordEventsContract } from './contract/record-events.contract';
import { providerWebhooksContract } from './contract/provider-webhooks.contract';
import { resealContract } from './contract/reseal.contract';
import { syncStatesContract } from './contract/sync-states.contract';
import { webhooksContract } from './contract/webhooks.contract';
import { writeBacksContract } from './contract/write-backs.contract';

export function runStoreContract(name: string, open: OpenStore): void {
  describe(`store contract: ${name}`, () => {
    const handle = useFreshStore(open);
    accountsContract(handle);
    endUsersContract(handle);
    connectContract(handle);
    connectionsContract(handle);
    idempotencyContract(handle);
    webhooksContract(handle);
    recordEventsContract(handle);
    providerWebhooksContract(handle);
    inFlightWritesContract(handle);
    fieldMappingsContract(handle);
    locksContract(handle);
    syncStatesContract(handle);
    writeBacksContract(handle);
    resealContract(handle);
    lifecycleContract(handle);
  });
}
