/** The dialog's service contract uses the rules' and the library's own types. Type-level: `npx tsc --noEmit` fails if they drift. */
import { describe, expectTypeOf, it } from 'vitest';
import type { Finding as DialogFinding, Services, Suggestion as DialogSuggestion } from '../../src/dialog/services.ts';
import type { SuggestQuery, Suggestion } from '../../src/library/suggest.ts';
import type { Finding } from '../../src/rules/index.ts';

describe('Services types', () => {
  it('are the producing modules’ types, not copies', () => {
    expectTypeOf<DialogFinding>().toEqualTypeOf<Finding>();
    expectTypeOf<DialogSuggestion>().toEqualTypeOf<Suggestion>();
    expectTypeOf<ReturnType<Services['checkTable']>>().toEqualTypeOf<Finding[]>();
    expectTypeOf<Parameters<Services['suggest']>[1]>().toEqualTypeOf<SuggestQuery>();
    // The framework reaches the library's suggestion through the contract.
    expectTypeOf<Parameters<Services['suggest']>[1]>().toHaveProperty('framework');
  });
});
