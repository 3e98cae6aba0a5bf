/**
 * A set of strings with a line number each, kept in typed arrays: the strings as UTF-8 bytes in one
 * growing buffer, an open-addressing table of their hashes. A million normalized keywords take about
 * 50 MB here against about 200 MB in a Map<string, number> (a V8 string and a map entry each), which
 * is most of a million-row import's JavaScript heap. Exact: a hash match is confirmed byte by byte.
 * @example const s = new KeywordLineSet(); s.add('cold brew', 2); s.lineOf('cold brew') // 2
 */
export class KeywordLineSet {
  private bytes = Buffer.allocUnsafe(1 << 20);
  private used = 0;
  /** Per entry: where its bytes start and end in `bytes`, and its line. */
  private starts = new Uint32Array(1 << 12);
  private ends = new Uint32Array(1 << 12);
  private lines = new Int32Array(1 << 12);
  /** Per slot: entry index + 1 (0: empty) and the entry's hash. */
  private slots = new Uint32Array(1 << 13);
  private hashes = new Uint32Array(1 << 13);
  private scratch = Buffer.allocUnsafe(1024);
  size = 0;

  /** The line stored with `key`, or undefined when the set does not hold it. */
  lineOf(key: string): number | undefined {
    const len = this.encode(key);
    const at = this.find(len, hashBytes(this.scratch, len));
    return this.slots[at] === 0 ? undefined : this.lines[this.slots[at]! - 1];
  }

  /** Add `key` with its line; false (and nothing changed) when the set already holds it. */
  add(key: string, line: number): boolean {
    const len = this.encode(key);
    const hash = hashBytes(this.scratch, len);
    let at = this.find(len, hash);
    if (this.slots[at] !== 0) return false;
    if ((this.size + 1) * 2 > this.slots.length) {
      this.growTable();
      at = this.find(len, hash);
    }
    if (this.size === this.starts.length) this.growEntries();
    if (this.used + len > this.bytes.length) {
      const next = Buffer.allocUnsafe(Math.max(this.bytes.length * 2, this.used + len));
      this.bytes.copy(next, 0, 0, this.used);
      this.bytes = next;
    }
    this.scratch.copy(this.bytes, this.used, 0, len);
    this.starts[this.size] = this.used;
    this.ends[this.size] = this.used + len;
    this.lines[this.size] = line;
    this.used += len;
    this.size++;
    this.slots[at] = this.size;
    this.hashes[at] = hash;
    return true;
  }

  /** The key's UTF-8 bytes into `scratch`; returns their length. */
  private encode(key: string): number {
    if (key.length * 3 > this.scratch.length) this.scratch = Buffer.allocUnsafe(key.length * 3);
    return this.scratch.write(key, 0, 'utf8');
  }

  /** The slot holding the scratch key (len bytes, hash), or the empty slot where it would go. */
  private find(len: number, hash: number): number {
    const mask = this.slots.length - 1;
    for (let at = hash & mask; ; at = (at + 1) & mask) {
      const entry = this.slots[at]!;
      if (entry === 0) return at;
      if (this.hashes[at] === hash && this.equals(entry - 1, len)) return at;
    }
  }

  private equals(entry: number, len: number): boolean {
    const start = this.starts[entry]!;
    if (this.ends[entry]! - start !== len) return false;
    for (let i = 0; i < len; i++) if (this.bytes[start + i] !== this.scratch[i]) return false;
    return true;
  }

  private growTable(): void {
    const slots = new Uint32Array(this.slots.length * 2);
    const hashes = new Uint32Array(slots.length);
    const mask = slots.length - 1;
    for (let i = 0; i < this.slots.length; i++) {
      const entry = this.slots[i]!;
      if (entry === 0) continue;
      let at = this.hashes[i]! & mask;
      while (slots[at] !== 0) at = (at + 1) & mask;
      slots[at] = entry;
      hashes[at] = this.hashes[i]!;
    }
    this.slots = slots;
    this.hashes = hashes;
  }

  private growEntries(): void {
    const grow = <T extends Uint32Array | Int32Array>(a: T, make: (n: number) => T): T => {
      const next = make(a.length * 2);
      next.set(a);
      return next;
    };
    this.starts = grow(this.starts, (n) => new Uint32Array(n));
    this.ends = grow(this.ends, (n) => new Uint32Array(n));
    this.lines = grow(this.lines, (n) => new Int32Array(n));
  }
}

/** FNV-1a over bytes, then a final mix so nearby keys spread over the table. */
function hashBytes(buf: Buffer, len: number): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < len; i++) h = Math.imul(h ^ buf[i]!, 0x01000193);
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  return h >>> 0;
}
