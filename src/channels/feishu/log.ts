/**
 * A logger that never prints secrets. The SDK logs whole axios errors (their `config.data` holds
 * app_secret on a failed token request, and `Authorization` headers hold tenant tokens), so every
 * argument is reduced to a short description and known secrets are blanked.
 */
import type * as lark from '@larksuiteoapi/node-sdk';

export interface Log {
  info(msg: string): void;
  warn(msg: string): void;
  error(msg: string): void;
}

const TOKEN_PATTERN = /\b(t|u|a)-[A-Za-z0-9_.-]{16,}/g;

export function describe(value: unknown, depth = 0): string {
  if (value instanceof Error) {
    const e = value as Error & { response?: { status?: number; data?: unknown }; code?: unknown };
    const status = e.response?.status;
    const data = e.response?.data as { code?: unknown; msg?: unknown } | undefined;
    const parts = [`${e.name}: ${e.message}`];
    if (status !== undefined) parts.push(`status=${status}`);
    if (data && typeof data === 'object' && 'code' in data) parts.push(`code=${String(data.code)} msg=${String(data.msg)}`);
    else if (typeof e.code === 'string' || typeof e.code === 'number') parts.push(`code=${e.code}`);
    return parts.join(' ');
  }
  if (Array.isArray(value)) {
    // The SDK's LoggerProxy wraps every call's arguments in an array.
    return depth > 2 ? '[…]' : value.map((v) => describe(v, depth + 1)).join(' ');
  }
  if (typeof value === 'string') return value;
  if (value === null || value === undefined || typeof value !== 'object') return String(value);
  // Plain objects from the SDK may be axios configs: print their keys, not their contents.
  return `{${Object.keys(value).slice(0, 8).join(',')}}`;
}

export function createLog(secrets: string[], sink: (line: string) => void = (l) => console.error(l)): Log {
  const usable = secrets.filter((s) => s.length >= 4);
  const clean = (msg: string): string => {
    let out = msg;
    for (const s of usable) out = out.split(s).join('***');
    return out.replace(TOKEN_PATTERN, '$1-***');
  };
  const emit = (level: string, msg: string) => sink(`[feishu] ${level} ${clean(msg)}`);
  return {
    info: (m) => emit('info', m),
    warn: (m) => emit('warn', m),
    error: (m) => emit('error', m),
  };
}

/** Adapts our Log to the SDK's Logger interface; debug/trace are dropped (they dump event bodies). */
export function sdkLogger(log: Log): lark.Logger {
  return {
    error: (...m: unknown[]) => log.error(describe(m)),
    warn: (...m: unknown[]) => log.warn(describe(m)),
    info: () => {},
    debug: () => {},
    trace: () => {},
  };
}
