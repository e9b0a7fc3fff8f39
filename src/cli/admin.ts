import { loadConfig, type Config } from '../config/config';
import { openStore, type Store } from '../store';
import { AccountService } from '../accounts/account-service';
import { parseRotateKeyArgs, rotateKey } from './rotate-key';

const USAGE = [
  'usage: npm run admin -- create-account <name>',
  '       npm run admin -- rotate-key [--new-key-file <path>] [--print]',
  '       npm run admin -- rotate-key --finish',
].join('\n');

/**
 * `create-account <name>`: creates an account and prints one live and one test key.
 * `rotate-key`: a new encryption key, every stored secret re-sealed under it (see ./rotate-key.ts).
 */
async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  if (command === 'create-account' && rest.length > 0) {
    return withStore(async (store) => {
      const { account, live, test } = await new AccountService(store).createAccountWithKeys(rest.join(' '));
      console.log(`account ${account.id} (${account.name})`);
      console.log(`live key: ${live.key}`);
      console.log(`test key: ${test.key}`);
      console.log('These keys are shown once; only their hashes are stored.');
    });
  }
  if (command === 'rotate-key') {
    const options = parseRotateKeyArgs(rest);
    return withStore((store, config) => rotateKey(config, store, options, (line) => console.log(line)));
  }
  console.error(USAGE);
  return 64;
}

async function withStore(run: (store: Store, config: Config) => Promise<void>): Promise<number> {
  const config = loadConfig();
  const store = await openStore({ mongodbUri: config.mongodbUri ?? undefined, dataDir: config.dataDir });
  try {
    await run(store, config);
    return 0;
  } finally {
    await store.close();
  }
}

main(process.argv.slice(2)).then((code) => process.exit(code), (err: unknown) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
