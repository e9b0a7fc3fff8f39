import { loadConfig } from '../config/config';
import { openStore } from '../store';
import { AccountService } from '../accounts/account-service';

/** `npm run admin -- create-account <name>`: creates an account and prints one live and one test key. */
async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  if (command !== 'create-account' || rest.length === 0) {
    console.error('usage: npm run admin -- create-account <name>');
    return 64;
  }
  const config = loadConfig();
  const store = await openStore({ mongodbUri: config.mongodbUri ?? undefined, dataDir: config.dataDir });
  try {
    const { account, live, test } = await new AccountService(store).createAccountWithKeys(rest.join(' '));
    console.log(`account ${account.id} (${account.name})`);
    console.log(`live key: ${live.key}`);
    console.log(`test key: ${test.key}`);
    console.log('These keys are shown once; only their hashes are stored.');
    return 0;
  } finally {
    await store.close();
  }
}

main(process.argv.slice(2)).then((code) => process.exit(code), (err: unknown) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
