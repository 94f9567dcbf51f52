/** Tiny argument parsing for the sub-commands: positionals, `--flag`, `--key value`. */
export interface ParsedArgs {
  positionals: string[];
  flags: Set<string>;
  options: Map<string, string>;
}

export function parseArgs(args: string[], valued: string[] = []): ParsedArgs {
  const out: ParsedArgs = { positionals: [], flags: new Set(), options: new Map() };
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    if (a.startsWith('--')) {
      const [key, inline] = a.slice(2).split('=', 2) as [string, string | undefined];
      if (inline !== undefined) out.options.set(key, inline);
      else if (valued.includes(key) && i + 1 < args.length) out.options.set(key, args[++i]!);
      else out.flags.add(key);
    } else if (a === '-o' && i + 1 < args.length) {
      out.options.set('o', args[++i]!);
    } else {
      out.positionals.push(a);
    }
  }
  return out;
}
