/**
 * The importer adapter: a Word, Excel or PDF file's bytes → the draft tables it holds, or a Chinese
 * refusal. The file's content decides, not only its name: a `.docx` that is really a text file,
 * a password-protected one (an OLE container), a zip of other files are each told apart.
 */
import type { ImportedFile } from '../domain/importedFile.ts';
import { docxBlocks, NotAWordFileError } from './docx.ts';
import { tablesFromBlocks } from './interpret.ts';
import { REFUSALS, extension, refusalForName } from './refusals.ts';

export { refusalForName };

const startsWith = (b: Uint8Array, sig: number[]): boolean => sig.every((x, i) => b[i] === x);
const ZIP = [0x50, 0x4b, 0x03, 0x04];
const OLE = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];

const fail = (message: string): ImportedFile => ({ ok: false, message });

export async function importFile(name: string, bytes: Uint8Array): Promise<ImportedFile> {
  const byName = refusalForName(name, bytes.byteLength);
  if (byName) return fail(byName);
  if (bytes.byteLength === 0) return fail(REFUSALS.empty);
  const ext = extension(name);
  // Office files with an open password are OLE containers, like the old .doc/.xls.
  if (startsWith(bytes, OLE)) return fail(REFUSALS.encrypted);
  if (ext === 'pdf') return importPdf(bytes);
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

async function importPdf(bytes: Uint8Array): Promise<ImportedFile> {
  // A PDF may start after some junk bytes, but within its first kilobyte.
  const head = Buffer.from(bytes.subarray(0, 1024)).toString('latin1');
  if (!head.includes('%PDF-')) return fail(REFUSALS.disguised('.pdf'));
  const { pdfBlocks, hasText, EncryptedPdfError } = await import('./pdf.ts');
  let blocks;
  try {
    blocks = await pdfBlocks(bytes);
  } catch (err) {
    if (err instanceof EncryptedPdfError) return fail(REFUSALS.encrypted);
    return fail(REFUSALS.broken);
  }
  if (!hasText(blocks)) return fail(REFUSALS.noText);
  const tables = tablesFromBlocks(blocks);
  return tables.length ? { ok: true, format: 'pdf', tables } : fail(REFUSALS.noTables);
}
