/**
 * Secrets never reach a log line, whatever prints it: `installRedaction` (called once at start-up)
 * wraps `process.stdout.write` and `process.stderr.write`, so console.*, a library's own logger and
 * an error that quotes the LLM key back all pass through one filter that blanks every configured
 * secret value.
 */

type Env = Record<string, string | undefined>;

/** Variables that hold a secret by name; a URL's password (REDIS_URL) is taken from the URL. */
const SECRET_NAME = /(TOKEN|SECRET|PASSWORD|PASSWD|API_KEY|ENCRYPT_KEY|PRIVATE_KEY)$/i;
const URL_NAME = /_URL$/i;
/** Shorter values would blank ordinary words; no real secret is this short. */
const MIN_SECRET = 6;

/** Every secret value the environment configures (and its URL-encoded form). */
export function secretValues(env: Env): string[] {
  const found = new Set<string>();
  for (const [name, raw] of Object.entries(env)) {
    const value = raw?.trim();
    if (!value) continue;
    if (SECRET_NAME.test(name)) found.add(value);
    else if (URL_NAME.test(name) && /^[a-z][a-z0-9+.-]*:\/\//i.test(value)) {
      try {
        const url = new URL(value);
        if (url.password) found.add(decodeURIComponent(url.password)).add(url.password);
      } catch {
        // Not a URL after all: nothing to take from it.
      }
    }
  }
  for (const v of [...found]) found.add(encodeURIComponent(v));
  // Longest first, so that a secret containing another is blanked whole.
  return [...found].filter((v) => v.length >= MIN_SECRET).sort((a, b) => b.length - a.length);
}

/** `text` with every secret replaced by `[REDACTED]`. */
export function redact(text: string, secrets: readonly string[]): string {
  let out = text;
  for (const s of secrets) if (out.includes(s)) out = out.split(s).join('[REDACTED]');
  return out;
}

type Write = typeof process.stdout.write;
const installed = new WeakMap<NodeJS.WriteStream, { secrets: Set<string> }>();

function wrap(stream: NodeJS.WriteStream, secrets: readonly string[]): void {
  const existing = installed.get(stream);
  if (existing) {
    for (const s of secrets) existing.secrets.add(s);
    return;
  }
  const state = { secrets: new Set(secrets) };
  installed.set(stream, state);
  const original = stream.write.bind(stream) as Write;
  stream.write = function (chunk: unknown, ...rest: unknown[]): boolean {
    const list = [...state.secrets].sort((a, b) => b.length - a.length);
    let out = chunk;
    if (typeof chunk === 'string') out = redact(chunk, list);
    else if (chunk instanceof Uint8Array) {
      const text = Buffer.from(chunk).toString('utf8');
      const clean = redact(text, list);
      if (clean !== text) out = clean;
    }
    return (original as (c: unknown, ...r: unknown[]) => boolean)(out, ...rest);
  } as Write;
}

/** Blanks the environment's secrets from everything this process writes to stdout and stderr. */
export function installRedaction(env: Env, extra: readonly string[] = []): string[] {
  const secrets = [...new Set([...secretValues(env), ...extra.filter((s) => s.length >= MIN_SECRET)])];
  wrap(process.stdout, secrets);
  wrap(process.stderr, secrets);
  return secrets;
}
