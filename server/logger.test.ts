import { describe, expect, it } from 'vitest';
import { createLogger, redact } from './logger.js';

function capture(level: Parameters<typeof createLogger>[0] = 'debug') {
  const lines: string[] = [];
  return { lines, log: createLogger(level, (line) => lines.push(line)) };
}

describe('createLogger (pino)', () => {
  it('writes one JSON line per entry with level, ISO time, message and the fields', () => {
    const { lines, log } = capture('info');
    log.info('GET /x 200', { requestId: 'r1', ms: 3 });
    log.debug('not at info');
    expect(lines).toHaveLength(1);
    const entry = JSON.parse(lines[0]!);
    expect(entry).toMatchObject({ level: 'info', message: 'GET /x 200', requestId: 'r1', ms: 3 });
    expect(new Date(entry.time).toISOString()).toBe(entry.time);
    expect(entry).not.toHaveProperty('pid');
  });

  it('redacts api keys, passwords, tokens and Authorization headers wherever they sit', () => {
    const { lines, log } = capture();
    log.error('request failed', {
      password: 'p4ss-word',
      apiKey: 'sk-live-abc123',
      req: {
        headers: { authorization: 'Bearer eyJ.tok.en', cookie: 'sid=c00kie', 'x-api-key': 'igny8_k3y' },
      },
      provider: { name: 'openai', credentials: { api_key: 'sk-nested-999', clientSecret: 's3cr3t' } },
      smtpPassword: 'smtp-pw',
      refreshToken: 'r3fresh',
      list: [{ token: 't0k-in-array' }],
      ok: 'kept',
    });
    const line = lines.join('\n');
    for (const secret of [
      'p4ss-word',
      'sk-live-abc123',
      'eyJ.tok.en',
      'c00kie',
      'igny8_k3y',
      'sk-nested-999',
      's3cr3t',
      'smtp-pw',
      'r3fresh',
      't0k-in-array',
    ]) {
      expect(line, secret).not.toContain(secret);
    }
    const entry = JSON.parse(lines[0]!);
    expect(entry.req.headers.authorization).toBe('[redacted]');
    expect(entry.provider).toEqual({
      name: 'openai',
      credentials: { api_key: '[redacted]', clientSecret: '[redacted]' },
    });
    expect(entry.ok).toBe('kept');
  });

  it('is silent at level silent', () => {
    const { lines, log } = capture('silent');
    log.error('nothing');
    expect(lines).toEqual([]);
  });
});

describe('redact', () => {
  it('blanks secret-named fields recursively and leaves null, undefined and others alone', () => {
    expect(redact({ token: 'x', nested: { password: null, name: 'n' }, arr: [{ secret: 1 }] })).toEqual({
      token: '[redacted]',
      nested: { password: null, name: 'n' },
      arr: [{ secret: '[redacted]' }],
    });
  });
});
