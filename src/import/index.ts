/**
 * The importer adapter: a Word, Excel or PDF file's bytes → the draft tables it holds, or a Chinese
 * refusal. The file's content decides, not only its name: a `.docx` that is really a text file,
 * a password-protected one (an OLE container), a zip of other files are each told apart.
 */
import type { ImportedFile } from '../domain/importedFile.ts';
import { MAX_IMPORT_FILE_BYTES } from '../domain/importedFile.ts';
import { docxBlocks, NotAWordFileError } from './docx.ts';
import { tablesFromBlocks } from './interpret.ts';
import { REFUSALS } from './refusals.ts';

const startsWith = (b: Uint8Array, sig: number[]): boolean => sig.every((x, i) => b[i] === x);
const ZIP = [0x50, 0x4b, 0x03, 0x04];
const OLE = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];

function extension(name: string): string {
  return /\.([a-z0-9]{1,8})$/i.exec(name.trim())?.[1]?.toLowerCase() ?? '';
}

const IMAGES = new Set(['jpg', 'jpeg', 'png', 'gif', 'bmp', 'webp', 'heic', 'tif', 'tiff']);
const ARCHIVES = new Set(['zip', 'rar', '7z', 'gz', 'tar', 'tgz']);

/** The refusal for a file name alone (before any download), or undefined when it may be a table file. */
export function refusalForName(name: string, size?: number): string | undefined {
  const ext = extension(name);
  if (size !== undefined && size > MAX_IMPORT_FILE_BYTES) return REFUSALS.tooLarge(size);
  if (ext === 'doc' || ext === 'wps') return REFUSALS.oldWord;
  if (ext === 'xls' || ext === 'et') return REFUSALS.oldExcel;
  if (IMAGES.has(ext)) return REFUSALS.image;
  if (ARCHIVES.has(ext)) return REFUSALS.archive;
  if (!['docx', 'xlsx'].includes(ext)) return REFUSALS.unsupported;
  return undefined;
}

const fail = (message: string): ImportedFile => ({ ok: false, message });

export async function importFile(name: string, bytes: Uint8Array): Promise<ImportedFile> {
  const byName = refusalForName(name, bytes.byteLength);
  if (byName) return fail(byName);
  if (bytes.byteLength === 0) return fail(REFUSALS.empty);
  const ext = extension(name);
  // Office files with an open password are OLE containers, like the old .doc/.xls.
  if (startsWith(bytes, OLE)) return fail(REFUSALS.encrypted);
  if (!startsWith(bytes, ZIP)) return fail(REFUSALS.disguised(`.${ext}`));
  if (ext === 'xlsx') {
    const { importXlsx } = await import('./xlsx.ts');
    return importXlsx(bytes);
  }
  let blocks;
  try {
    blocks = await docxBlocks(bytes);
  } catch (err) {
    if (err instanceof NotAWordFileError) return fail(err.message === 'not a zip' ? REFUSALS.broken : REFUSALS.disguised('.docx'));
    throw err;
  }
  const tables = tablesFromBlocks(blocks);
  return tables.length ? { ok: true, format: 'docx', tables } : fail(REFUSALS.noTables);
}
