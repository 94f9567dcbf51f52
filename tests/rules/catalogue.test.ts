import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { RULES } from '../../src/rules/index.ts';

describe('the rule catalogue document', () => {
  const doc = readFileSync(new URL('../../src/rules/RULES.md', import.meta.url), 'utf8');
  const rows = new Map([...doc.matchAll(/^\| `([a-z0-9.-]+)` \| (error|warning) \|/gm)].map((m) => [m[1], m[2]]));

  it('lists every code with its severity, and nothing else', () => {
    expect(Object.fromEntries(rows)).toEqual(Object.fromEntries(RULES.map((r) => [r.code, r.severity])));
  });
});
