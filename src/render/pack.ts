/**
 * Zipping a docx Document into a .docx the same way every time: the parts docx compiles, the
 * package's timestamps (docProps/core.xml) left out and every zip entry dated 1980-01-01, so the
 * same table and layout give the same bytes. `partsOf` builds the renderer's per-template shell
 * (docx.ts); `zipParts` alone is the floor that bench/dialog.ts compares rendering with.
 */
import { Packer, type File } from 'docx';
import { zipSync, type Zippable } from 'fflate';

/** The docx library's compiler (not exported by name; pinned version, checked at load). */
const compiler = (Packer as unknown as { compiler?: { compile(file: File): Map<string, string | Uint8Array> } }).compiler;
if (typeof compiler?.compile !== 'function') throw new Error('docx: Packer.compiler.compile is missing (docx version changed?)');

/** The DOS epoch: the earliest date a zip entry can carry. */
export const ZIP_DATE = new Date(1980, 0, 1, 0, 0, 0);
const TIMESTAMPS = /<dcterms:(?:created|modified)\b[^>]*>[^<]*<\/dcterms:(?:created|modified)>/g;
const encoder = new TextEncoder();

/** The package's parts by path, as bytes, in the order docx zips them. */
export function partsOf(doc: File): Array<[path: string, bytes: Uint8Array]> {
  return [...compiler!.compile(doc)].map(([path, data]) => {
    const text = typeof data === 'string' ? (path === 'docProps/core.xml' ? data.replace(TIMESTAMPS, '') : data) : undefined;
    if (text !== undefined) return [path, encoder.encode(text)];
    const raw = data as unknown as ArrayBufferView | ArrayBuffer;
    return [path, ArrayBuffer.isView(raw) ? new Uint8Array(raw.buffer, raw.byteOffset, raw.byteLength) : new Uint8Array(raw)];
  });
}

export function zipParts(parts: Array<[string, Uint8Array]>): Buffer {
  const files: Zippable = {};
  for (const [path, bytes] of parts) files[path] = [bytes, { mtime: ZIP_DATE }];
  const zipped = zipSync(files);
  return Buffer.from(zipped.buffer, zipped.byteOffset, zipped.byteLength);
}

export function packDocx(doc: File): Buffer {
  return zipParts(partsOf(doc));
}
