import { describe, expect, it } from 'vitest';
import { isLoopbackDestination, isSampleContent } from './sample-guard.js';

describe('sample content guard', () => {
  it('knows sandbox content by its provenance or its images', () => {
    expect(isSampleContent('{"provider":"sandbox","sandbox":true}', [])).toBe(true);
    expect(isSampleContent('{"provider":"openai","sandbox":true}', [])).toBe(true);
    expect(isSampleContent('{"provider":"openai","sandbox":false}', ['sandbox-image'])).toBe(true);
    expect(isSampleContent('{"provider":"openai","sandbox":false}', ['gpt-image-1', null])).toBe(false);
    expect(isSampleContent('{}', [])).toBe(false);
  });

  it('lets only folders and loopback addresses count as this machine', () => {
    const at = (url: string, kind: 'wordpress' | 'webhook' = 'wordpress') => ({
      kind,
      config: JSON.stringify({ url }),
    });
    expect(isLoopbackDestination({ kind: 'folder', config: '{"dir":"/tmp/x"}' })).toBe(true);
    for (const url of [
      'http://127.0.0.1:8088',
      'http://127.3.4.5',
      'http://localhost/blog',
      'https://wp.localhost',
      'http://[::1]:8080',
      '127.0.0.1:8088',
    ])
      expect(isLoopbackDestination(at(url)), url).toBe(true);
    for (const url of ['https://blog.example.com', 'http://10.0.0.5', 'http://192.168.1.2', 'nonsense://'])
      expect(isLoopbackDestination(at(url)), url).toBe(false);
    expect(isLoopbackDestination(at('https://hooks.example.com/x', 'webhook'))).toBe(false);
  });
});
