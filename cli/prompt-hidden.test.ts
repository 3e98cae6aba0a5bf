import { PassThrough, Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { promptHidden } from './prompt-hidden.js';

function terminal() {
  const input = new PassThrough();
  let shown = '';
  const output = new Writable({
    write(chunk, _enc, done) {
      shown += String(chunk);
      done();
    },
  });
  return { input, output, shown: () => shown };
}

describe('promptHidden (@inquirer/password)', () => {
  it('reads what is typed, with backspace, and never echoes it', async () => {
    const t = terminal();
    const answer = promptHidden('API key (input hidden):', t);
    await new Promise((r) => setTimeout(r, 50));
    t.input.write('sk-live-s3cretX');
    t.input.write('\x7f'); // backspace removes the X
    t.input.write('\r');
    await expect(answer).resolves.toBe('sk-live-s3cret');
    expect(t.shown()).toContain('API key (input hidden):');
    expect(t.shown()).not.toMatch(/s3cret|\*{4}/);
  });

  it('rejects with "cancelled" on Ctrl+C', async () => {
    const t = terminal();
    const answer = promptHidden('API key (input hidden):', t);
    await new Promise((r) => setTimeout(r, 50));
    t.input.write('\x03');
    await expect(answer).rejects.toThrow('cancelled');
  });
});
