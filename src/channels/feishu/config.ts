/** Reads the Feishu channel's settings from the environment (never from files: secrets live only in env). */
import path from 'node:path';
import * as lark from '@larksuiteoapi/node-sdk';
import { dataDirFromEnv } from '../../store/index.ts';

export interface FeishuConfig {
  appId: string;
  appSecret: string;
  /** `ws` = the SDK's long connection (no public URL needed); `webhook` = our HTTP endpoint. */
  mode: 'ws' | 'webhook';
  host: string;
  port: number;
  path: string;
  verificationToken?: string;
  encryptKey?: string;
  /** `lark.Domain.Feishu`, `lark.Domain.Lark` or a base URL such as `http://127.0.0.1:8080`. */
  domain: lark.Domain | string;
  /** open_ids / user_ids / union_ids allowed to talk to the bot; empty = everyone. */
  allowedUsers: Set<string>;
  dataDir: string;
  /** false (FEISHU_CARDS=off): plain text only, choices as a numbered list, for clients below 7.20. */
  cards: boolean;
}

export class FeishuConfigError extends Error {}

function parseDomain(raw: string | undefined): lark.Domain | string {
  const v = (raw ?? '').trim();
  if (v === '' || v.toLowerCase() === 'feishu') return lark.Domain.Feishu;
  if (v.toLowerCase() === 'lark' || v.toLowerCase() === 'larksuite') return lark.Domain.Lark;
  if (!/^https?:\/\/[^/\s]+/i.test(v)) {
    throw new FeishuConfigError(`FEISHU_DOMAIN must be "feishu", "lark" or a base URL, got "${v}"`);
  }
  // The SDK appends "/open-apis/..." itself; a trailing slash would produce "//open-apis".
  return v.replace(/\/+$/, '');
}

export function readFeishuConfig(env: Record<string, string | undefined>): FeishuConfig {
  const appId = env.FEISHU_APP_ID?.trim();
  const appSecret = env.FEISHU_APP_SECRET?.trim();
  if (!appId || !appSecret) {
    throw new FeishuConfigError('FEISHU_APP_ID and FEISHU_APP_SECRET must both be set');
  }
  const modeRaw = (env.FEISHU_MODE ?? 'ws').trim().toLowerCase();
  let mode: FeishuConfig['mode'];
  if (modeRaw === '' || modeRaw === 'ws' || modeRaw === 'websocket' || modeRaw === 'long') mode = 'ws';
  else if (modeRaw === 'webhook' || modeRaw === 'http') mode = 'webhook';
  else throw new FeishuConfigError(`FEISHU_MODE must be "ws" or "webhook", got "${modeRaw}"`);

  const portRaw = (env.FEISHU_PORT ?? '').trim();
  const port = portRaw === '' ? 3000 : Number(portRaw);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new FeishuConfigError(`FEISHU_PORT must be a port number, got "${portRaw}"`);
  }
  let urlPath = (env.FEISHU_PATH ?? '').trim() || '/feishu/events';
  if (!urlPath.startsWith('/')) urlPath = `/${urlPath}`;

  const verificationToken = env.FEISHU_VERIFICATION_TOKEN?.trim() || undefined;
  const encryptKey = env.FEISHU_ENCRYPT_KEY?.trim() || undefined;
  if (mode === 'webhook' && !verificationToken && !encryptKey) {
    // Without either, anyone who finds the URL could speak as any user.
    throw new FeishuConfigError('FEISHU_MODE=webhook needs FEISHU_VERIFICATION_TOKEN (and preferably FEISHU_ENCRYPT_KEY)');
  }

  const allowedUsers = new Set(
    (env.FEISHU_ALLOWED_USERS ?? '')
      .split(/[\s,;，；]+/)
      .map((s) => s.trim())
      .filter((s) => s !== ''),
  );

  const cardsRaw = (env.FEISHU_CARDS ?? '').trim().toLowerCase();
  if (!['', 'on', 'true', '1', 'off', 'false', '0', 'text'].includes(cardsRaw)) {
    throw new FeishuConfigError(`FEISHU_CARDS must be "on" or "off", got "${cardsRaw}"`);
  }

  return {
    appId,
    appSecret,
    mode,
    host: (env.FEISHU_HOST ?? '').trim() || '0.0.0.0',
    port,
    path: urlPath,
    verificationToken,
    encryptKey,
    domain: parseDomain(env.FEISHU_DOMAIN),
    allowedUsers,
    dataDir: path.resolve(dataDirFromEnv(env)),
    cards: !['off', 'false', '0', 'text'].includes(cardsRaw),
  };
}

/** Every configured secret, so the logger can blank them out wherever they appear. */
export function secretsOf(cfg: FeishuConfig): string[] {
  return [cfg.appSecret, cfg.verificationToken, cfg.encryptKey].filter((s): s is string => !!s);
}
