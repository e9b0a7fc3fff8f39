import { loadConfig, ConfigError } from './config/config';
import { startGateway } from './gateway';
import { createLogger } from './logging/logger';
import { AccountService } from './accounts/account-service';

/** Process entry: config → store → providers → app → listen; graceful shutdown on SIGTERM/SIGINT. */
async function main(): Promise<void> {
  let config;
  try {
    config = loadConfig();
  } catch (err) {
    if (err instanceof ConfigError) { console.error(err.message); process.exit(78); }
    throw err;
  }
  const logger = createLogger(config.logLevel);
  const gateway = await startGateway(config, { logger });
  const { store } = gateway.deps;

  if ((await store.accounts.countAccounts()) === 0) {
    const { test } = await new AccountService(store).createAccountWithKeys('Demo account');
    // Printed once, on a line of its own, so a newcomer can curl at once (it is never logged).
    console.log('\nDemo account created. Its test-mode secret key (shown once):\n');
    console.log(test.key);
    console.log(`\nTry: curl -H "Authorization: Bearer ${test.key}" ${config.publicUrl}/v1/providers\n`);
  }
  logger.info({ url: config.publicUrl, store: store.kind, sandboxes: config.sandboxEnabled }, 'gateway listening');

  let stopping = false;
  const stop = (signal: string): void => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'shutting down');
    gateway.shutdown().then(
      ({ drained }) => { logger.info({ drained }, 'stopped'); process.exit(0); },
      (err: unknown) => { logger.error({ err: String(err) }, 'shutdown failed'); process.exit(1); },
    );
  };
  process.on('SIGTERM', () => stop('SIGTERM'));
  process.on('SIGINT', () => stop('SIGINT'));
}

main().catch((err: unknown) => {
  console.error('gateway failed to start:', err instanceof Error ? err.message : err);
  process.exit(1);
});
