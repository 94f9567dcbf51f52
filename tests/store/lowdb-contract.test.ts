import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { LowdbDraftStore } from '../../src/store/lowdb.ts';
import { storeContract } from './contract.ts';

storeContract('lowdb', async () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'store-contract-'));
  return {
    dataDir,
    open: async () => new LowdbDraftStore({ dataDir, log: () => undefined }),
    cleanup: async () => rmSync(dataDir, { recursive: true, force: true }),
  };
});
