/**
 * The lowdb store keeps the previous good version of each user file and restores it when the file
 * is found half-written or damaged (issue 9), instead of starting the user from a blank store.
 * Files are written behind (store/userFiles.ts): `flush` writes them now, `close` too, and a file is
 * damaged here only while no store has the directory open, as damage from outside would happen.
 */
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createEngine } from '../../src/app.ts';
import { emptyTable } from '../../src/domain/draft.ts';
import { LowdbDraftStore, userFileName } from '../../src/store/lowdb.ts';
import type { DraftRecord } from '../../src/dialog/records.ts';

let dir: string;
let logs: string[];
const open = (): LowdbDraftStore => new LowdbDraftStore({ dataDir: dir, log: (l) => logs.push(l) });
const userFile = (key: string): string => join(dir, 'users', userFileName(key));
const backupFile = (key: string): string => join(dir, 'users-backup', userFileName(key));

function draft(userKey: string, id: string, name: string): DraftRecord {
  const table = emptyTable();
  table.projectName = name;
  const at = '2026-01-01T00:00:00.000Z';
  return { id, userKey, status: 'active', step: 'department', indicatorsConfirmed: false, table, createdAt: at, updatedAt: at };
}

/** Saves a new version of draft `id` through the store's own rev check. */
async function save(s: LowdbDraftStore, key: string, id: string, name: string): Promise<void> {
  const current = await s.get(key, id);
  await s.put(current ? { ...current, table: { ...current.table, projectName: name } } : draft(key, id, name));
}

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'store-backup-'));
  logs = [];
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('lowdb backup of the last good version', () => {
  it('a half-written file comes back as the previous good version, the damaged one set aside', async () => {
    const s = open();
    await save(s, 'u', 'a', '第一版');
    await s.flush();
    await save(s, 'u', 'a', '第二版');
    await s.flush();
    await s.putProfile('u', { ask: 4, current: 'a', rev: 0 });
    await s.close();
    // The backup is the version before the last write: 第二版 without the profile change.
    const good = readFileSync(userFile('u'), 'utf8');
    writeFileSync(userFile('u'), good.slice(0, Math.floor(good.length / 2)));

    const t = open();
    const back = await t.list('u');
    expect(back.map((d) => [d.id, d.table.projectName])).toEqual([['a', '第二版']]);
    expect(logs.join('\n')).toMatch(/用户文件损坏[\s\S]*已从备份恢复上一版本/);
    const aside = readdirSync(join(dir, 'users')).filter((f) => f.includes('.corrupt-'));
    expect(aside).toHaveLength(1);
    expect(readFileSync(join(dir, 'users', aside[0]!), 'utf8')).toBe(good.slice(0, Math.floor(good.length / 2)));
    // The restored file is a normal, parsable file again and takes further writes.
    expect(() => JSON.parse(readFileSync(userFile('u'), 'utf8'))).not.toThrow();
    await save(t, 'u', 'a', '第三版');
    await t.close();
    expect((await open().get('u', 'a'))?.table.projectName).toBe('第三版');
  });

  it('an empty file (power lost before the data reached the disk) is restored too', async () => {
    const s = open();
    await save(s, 'u', 'a', '旧');
    await s.flush();
    await save(s, 'u', 'b', '新');
    await s.close();
    writeFileSync(userFile('u'), '');
    expect((await open().list('u')).map((d) => d.id)).toEqual(['a']);
  });

  it('a file of the wrong shape is restored from the backup as well', async () => {
    const s = open();
    await save(s, 'u', 'a', '甲');
    await s.flush();
    await save(s, 'u', 'a', '乙');
    await s.close();
    writeFileSync(userFile('u'), JSON.stringify({ version: 1, drafts: 'nope' }));
    expect((await open().get('u', 'a'))?.table.projectName).toBe('甲');
  });

  it('the damaged file never becomes the backup', async () => {
    const s = open();
    await save(s, 'u', 'a', '甲');
    await s.flush();
    await save(s, 'u', 'a', '乙');
    await s.close();
    writeFileSync(userFile('u'), '{"version":1,');
    const t = open();
    await save(t, 'u', 'a', '丙'); // recovery (甲), then this write
    await t.close();
    const backup = JSON.parse(readFileSync(backupFile('u'), 'utf8')) as { drafts: DraftRecord[] };
    expect(backup.drafts[0]!.table.projectName).toBe('甲');
    // Damaged twice in a row: still a good version to return to.
    writeFileSync(userFile('u'), '\u0000\u0000');
    expect((await open().get('u', 'a'))?.table.projectName).toBe('甲');
  });

  it('without a usable backup the user starts blank, as before, and nothing throws', async () => {
    const s = open();
    await save(s, 'u', 'a', '甲');
    await s.flush();
    await save(s, 'u', 'a', '乙');
    await s.close();
    writeFileSync(userFile('u'), '{"version":1,"pro');
    writeFileSync(backupFile('u'), '{"dra');
    const t = open();
    expect(await t.list('u')).toEqual([]);
    expect(logs.join('\n')).toContain('该用户从空白草稿重新开始');
  });

  it('a new user has no backup; a missing file is not resurrected from one', async () => {
    const s = open();
    await save(s, 'u', 'a', '甲');
    await s.flush();
    expect(existsSync(backupFile('u'))).toBe(false);
    await save(s, 'u', 'a', '乙');
    await s.flush();
    expect(existsSync(backupFile('u'))).toBe(true);
    await s.close();
    // Deleting a user's file (an operator's decision) is respected.
    rmSync(userFile('u'));
    expect(await open().list('u')).toEqual([]);
  });

  it('a temp name left by a crash between link and rename does not block writes', async () => {
    const s = open();
    await save(s, 'u', 'a', '甲');
    await s.flush();
    writeFileSync(join(dir, 'users-backup', `.${userFileName('u')}.tmp`), 'stale');
    await save(s, 'u', 'a', '乙');
    await s.flush();
    await save(s, 'u', 'a', '丙');
    await s.flush();
    const backup = JSON.parse(readFileSync(backupFile('u'), 'utf8')) as { drafts: DraftRecord[] };
    expect(backup.drafts[0]!.table.projectName).toBe('乙');
    expect(readdirSync(join(dir, 'users-backup'))).toEqual([userFileName('u')]);
  });

  it('a read that fails (EISDIR here, like EACCES/EMFILE/EIO) is an error, not damage: nothing is moved or restored', async () => {
    const s = open();
    await save(s, 'u', 'a', '甲');
    await s.flush();
    await save(s, 'u', 'a', '乙');
    await s.close();
    // Tests run as root, where chmod 000 does not stop reads: a directory in the file's place makes
    // the read itself fail with an errno error, as a transient EMFILE or EIO would.
    rmSync(userFile('u'));
    mkdirSync(userFile('u'));
    const t = open();
    await expect(t.list('u')).rejects.toMatchObject({ code: 'EISDIR' });
    await t.close();
    expect(statSync(userFile('u')).isDirectory()).toBe(true);
    expect(readdirSync(join(dir, 'users')).filter((f) => f.includes('.corrupt-'))).toEqual([]);
    expect(logs.join('\n')).not.toContain('用户文件损坏');
    // The backup (甲) is still the previous good version, untouched.
    const backup = JSON.parse(readFileSync(backupFile('u'), 'utf8')) as { drafts: DraftRecord[] };
    expect(backup.drafts[0]!.table.projectName).toBe('甲');
  });

  it('through the engine, a failed read ends the turn with the apology and leaves the file alone', async () => {
    const first = await createEngine({ dataDir: dir, log: (l) => logs.push(l) });
    await first.handle('u', { type: 'text', text: '社区矫正工作经费' });
    await first.close();
    // A restarted engine has to read the file.
    const engine = await createEngine({ dataDir: dir, log: (l) => logs.push(l) });
    const before = readFileSync(userFile('u'), 'utf8');
    rmSync(userFile('u'));
    mkdirSync(userFile('u'));
    const quiet = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    try {
      const replies = await engine.handle('u', { type: 'text', text: '大连高新区司法局' });
      expect(replies.map((r) => ('text' in r ? r.text : '')).join('\n')).toContain('抱歉，处理这条消息时出错了');
    } finally {
      quiet.mockRestore();
    }
    expect(statSync(userFile('u')).isDirectory()).toBe(true);
    expect(logs.join('\n')).not.toContain('用户文件损坏');
    // Once the file is readable again the user continues from where they were.
    rmSync(userFile('u'), { recursive: true });
    writeFileSync(userFile('u'), before);
    const replies = await engine.handle('u', { type: 'text', text: '大连高新区司法局' });
    expect(replies.map((r) => ('text' in r ? r.text : '')).join('\n')).toContain('项目金额是多少');
    await engine.close();
  });
});
