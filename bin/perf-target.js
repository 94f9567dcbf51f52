#!/usr/bin/env node
// Runs the TypeScript sources directly through tsx, so there is no build step.
import { existsSync } from 'node:fs';
import { register } from 'tsx/esm/api';

// Settings may sit in a git-ignored .env; variables already in the environment win.
if (existsSync('.env')) process.loadEnvFile('.env');

register();
const { main } = await import('../src/cli/main.ts');
process.exitCode = await main(process.argv.slice(2));
