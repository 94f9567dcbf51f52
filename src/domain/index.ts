export * from './draft.ts';
export * from './framework.ts';
export * from './text.ts';
export * from './value.ts';
