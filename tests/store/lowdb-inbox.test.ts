import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { LowdbInbox } from '../../src/store/inbox.ts';
import { LowdbDraftStore } from '../../src/store/lowdb.ts';
import { inboxContract } from './inbox-contract.ts';

inboxContract('lowdb', async () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'inbox-contract-'));
  const open = async () => {
    const store = new LowdbDraftStore({ dataDir, log: () => undefined });
    return { store, inbox: await LowdbInbox.open(dataDir, store, 'inbox-test') };
  };
  return {
    open,
    cleanup: async () => rmSync(dataDir, { recursive: true, force: true }),
  };
});
