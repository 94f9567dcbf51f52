/**
 * Telegram channel settings, read only from the `env` object handed to `startChannel`:
 * - TELEGRAM_BOT_TOKEN (required): the bot's token from @BotFather; never logged.
 * - TELEGRAM_API_ROOT: another Bot API server (self-hosted telegram-bot-api, a test fake).
 * - TELEGRAM_ALLOWED_USERS: comma-separated numeric user ids, or `*` for everyone; empty or unset
 *   means nobody (the bot is for a unit's own staff: the operator lists them, a refused user is told their id).
 * - TELEGRAM_WEBHOOK_URL: public URL for webhook mode (long polling when unset).
 * - TELEGRAM_WEBHOOK_SECRET: required in webhook mode; requests without it get 401.
 * - TELEGRAM_WEBHOOK_HOST / _PORT / _PATH: the local listener (0.0.0.0 / 8080 / the URL's path).
 */

export interface WebhookConfig {
  /** Public HTTPS URL registered with `setWebhook`. */
  url: string;
  /** Compared with the `X-Telegram-Bot-Api-Secret-Token` header of every request. */
  secret: string;
  /** Local listener; behind a reverse proxy the path may differ from the public URL's. */
  host: string;
  port: number;
  path: string;
}

export interface TelegramConfig {
  token: string;
  apiRoot: string;
  /** Telegram user ids allowed to use the bot; `undefined` means everyone (`*`), an empty set nobody. */
  allowedUsers: ReadonlySet<number> | undefined;
  webhook: WebhookConfig | undefined;
}

export class ConfigError extends Error {
  override name = 'ConfigError';
}

const SECRET_RE = /^[A-Za-z0-9_-]{1,256}$/;

export function readConfig(env: Record<string, string | undefined>): TelegramConfig {
  const token = env.TELEGRAM_BOT_TOKEN?.trim();
  if (!token) throw new ConfigError('TELEGRAM_BOT_TOKEN is not set');

  const apiRoot = (env.TELEGRAM_API_ROOT?.trim() || 'https://api.telegram.org').replace(/\/+$/, '');
  try {
    new URL(apiRoot);
  } catch {
    throw new ConfigError('TELEGRAM_API_ROOT is not a valid URL');
  }

  let allowedUsers: Set<number> | undefined = new Set();
  const allowed = env.TELEGRAM_ALLOWED_USERS?.trim() ?? '';
  if (allowed === '*') allowedUsers = undefined;
  else {
    for (const part of allowed.split(/[,\s]+/).filter(Boolean)) {
      if (!/^\d+$/.test(part)) throw new ConfigError(`TELEGRAM_ALLOWED_USERS: "${part}" is not a numeric user id (or use * for everyone)`);
      allowedUsers.add(Number(part));
    }
  }

  let webhook: WebhookConfig | undefined;
  const url = env.TELEGRAM_WEBHOOK_URL?.trim();
  if (url) {
    let parsed: URL;
    try {
      parsed = new URL(url);
    } catch {
      throw new ConfigError('TELEGRAM_WEBHOOK_URL is not a valid URL');
    }
    const secret = env.TELEGRAM_WEBHOOK_SECRET?.trim() ?? '';
    // Without a secret anyone who guesses the URL could inject updates, so webhook mode demands one.
    if (!SECRET_RE.test(secret)) {
      throw new ConfigError('TELEGRAM_WEBHOOK_SECRET must be set in webhook mode (1-256 characters A-Z a-z 0-9 _ -)');
    }
    const portText = env.TELEGRAM_WEBHOOK_PORT?.trim() || '8080';
    const port = Number(portText);
    if (!Number.isInteger(port) || port < 0 || port > 65535) throw new ConfigError('TELEGRAM_WEBHOOK_PORT is not a port number');
    let path = env.TELEGRAM_WEBHOOK_PATH?.trim() || parsed.pathname || '/';
    if (!path.startsWith('/')) path = `/${path}`;
    webhook = { url, secret, host: env.TELEGRAM_WEBHOOK_HOST?.trim() || '0.0.0.0', port, path };
  }

  return { token, apiRoot, allowedUsers, webhook };
}
