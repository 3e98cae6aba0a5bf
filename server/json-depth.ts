/** Deepest nesting a JSON body may have: far above any real body, far below what a parser or a walk chokes on. */
export const MAX_JSON_DEPTH = 64;

/**
 * The deepest `[`/`{` nesting of a JSON text, counted over the raw bytes before parsing (strings
 * skipped), so a body nested 5,000 deep is refused without ever being parsed or walked.
 */
export function jsonDepth(buf: Uint8Array): number {
  let depth = 0;
  let max = 0;
  let inString = false;
  for (let i = 0; i < buf.length; i++) {
    const c = buf[i]!;
    if (inString) {
      if (c === 0x5c)
        i++; // backslash: skip the escaped byte
      else if (c === 0x22) inString = false;
    } else if (c === 0x22) inString = true;
    else if (c === 0x5b || c === 0x7b) max = Math.max(max, ++depth);
    else if (c === 0x5d || c === 0x7d) depth--;
  }
  return max;
}

/** express.json's `verify`: refuse a too-deep body (the error handler turns it into 400 REQUEST_TOO_DEEP). */
export function verifyJsonDepth(_req: unknown, _res: unknown, buf: Buffer): void {
  if (jsonDepth(buf) > MAX_JSON_DEPTH)
    throw Object.assign(new Error('JSON nested too deep'), { status: 400, igny8Code: 'REQUEST_TOO_DEEP' });
}
