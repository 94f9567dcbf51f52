export { createDialogEngine, type DialogEngine } from './engine.ts';
export type { Services, Finding, Suggestion, LayoutInfo } from './services.ts';
export * from './types.ts';
