/** Read an upload for the import: base64 bytes for the server, plus the first lines for a preview. */

export async function fileBase64(file: Blob): Promise<string> {
  const url = await new Promise<string>((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(String(reader.result));
    reader.onerror = () => reject(reader.error);
    reader.readAsDataURL(file);
  });
  return url.slice(url.indexOf(',') + 1);
}

/** Text of the first bytes, honouring a UTF-16 BOM (Keyword Planner) and UTF-8 otherwise. */
export async function headText(file: Blob, bytes = 64 * 1024): Promise<string> {
  const buf = new Uint8Array(await file.slice(0, bytes).arrayBuffer());
  if (buf[0] === 0xff && buf[1] === 0xfe) return new TextDecoder('utf-16le').decode(buf);
  if (buf[0] === 0xfe && buf[1] === 0xff) return new TextDecoder('utf-16be').decode(buf);
  return new TextDecoder('utf-8').decode(buf);
}

/** One delimited line into fields, with double-quoted fields ("a, b" and "" escapes). */
export function splitLine(line: string, delimiter: string): string[] {
  const out: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const c = line[i]!;
    if (quoted) {
      if (c === '"' && line[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"' && field === '') quoted = true;
    else if (c === delimiter) {
      out.push(field);
      field = '';
    } else field += c;
  }
  out.push(field);
  return out.map((f) => f.trim());
}

/**
 * The first rows of a keyword export as a table, for a look before importing. The server does the
 * real parsing (formats, encodings, title lines); this only shows what the file holds.
 */
export function previewRows(text: string, max = 12): string[][] {
  const lines = text
    .replace(/^\uFEFF/, '')
    .split(/\r\n?|\n/)
    .filter((l) => l.trim() !== '')
    .slice(0, max + 1);
  // The last line of a partial read may be cut off.
  const delimiter = lines.some((l) => l.includes('\t'))
    ? '\t'
    : lines.some((l) => l.includes(';') && !l.includes(','))
      ? ';'
      : ',';
  return lines.map((l) => splitLine(l, delimiter));
}
