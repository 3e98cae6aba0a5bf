import type { Igny8Config } from './config.schema.js';

const SECRET_KEYS = /^(apiKey|jwtSecret|password|secret|token|appPassword)$/i;

/** Mask a secret so users can still tell which key is set: "sk-…a1b2". */
export function maskSecret(value: string): string {
  if (value.length <= 8) return '••••';
  return `${value.slice(0, 3)}…${value.slice(-4)}`;
}

/** A copy of the config safe to print: every secret-looking key masked, URLs' passwords removed. */
export function maskConfig(config: Igny8Config): Record<string, unknown> {
  const walk = (node: unknown, key = ''): unknown => {
    if (typeof node === 'string') {
      if (SECRET_KEYS.test(key)) return maskSecret(node);
      return node.replace(/\/\/([^:/@]+):([^@]+)@/, '//$1:••••@');
    }
    if (Array.isArray(node)) return node.map((v) => walk(v));
    if (node && typeof node === 'object') {
      return Object.fromEntries(Object.entries(node).map(([k, v]) => [k, walk(v, k)]));
    }
    return node;
  };
  return walk(config) as Record<string, unknown>;
}
