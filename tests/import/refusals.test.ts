/** Every file kind the importer refuses gets its own clear Chinese reply, and nothing else happens. */
import JSZip from 'jszip';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../../src/library/load.ts';
import { MAX_IMPORT_FILE_BYTES } from '../../src/domain/importedFile.ts';
import { importFile } from '../../src/import/index.ts';
import { REFUSALS } from '../../src/import/refusals.ts';

const OLE = Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0, 0, 0]);

async function zipOf(files: Record<string, string>): Promise<Uint8Array> {
  const zip = new JSZip();
  for (const [name, text] of Object.entries(files)) zip.file(name, text);
  return zip.generateAsync({ type: 'uint8array' });
}

async function refusal(name: string, bytes: Uint8Array): Promise<string> {
  const r = await importFile(name, bytes);
  if (r.ok) throw new Error(`${name} was accepted`);
  return r.message;
}

describe('refused files', () => {
  it('old Word and Excel files', async () => {
    expect(await refusal('去年.doc', OLE)).toBe(REFUSALS.oldWord);
    expect(await refusal('去年.xls', OLE)).toBe(REFUSALS.oldExcel);
    expect(REFUSALS.oldWord).toContain('.docx');
  });

  it('images, archives and other kinds', async () => {
    expect(await refusal('表格截图.PNG', Buffer.from('\x89PNG\r\n'))).toBe(REFUSALS.image);
    expect(await refusal('全部表.zip', await zipOf({ 'a.docx': 'x' }))).toBe(REFUSALS.archive);
    expect(await refusal('说明.txt', Buffer.from('项目名称：x'))).toBe(REFUSALS.unsupported);
    expect(REFUSALS.unsupported).toContain('.xlsx');
  });

  it('a password-protected .docx (an OLE container)', async () => {
    expect(await refusal('加密.docx', OLE)).toBe(REFUSALS.encrypted);
    expect(REFUSALS.encrypted).toContain('密码');
  });

  it('a .docx that is really something else, a broken one, an empty one', async () => {
    expect(await refusal('假的.docx', Buffer.from('这是一段文字，不是 Word 文件'))).toBe(REFUSALS.disguised('.docx'));
    expect(await refusal('表格.docx', await zipOf({ 'readme.txt': 'hi' }))).toBe(REFUSALS.disguised('.docx'));
    expect(await refusal('坏的.docx', Buffer.from([0x50, 0x4b, 0x03, 0x04, 1, 2, 3]))).toBe(REFUSALS.broken);
    expect(await refusal('空的.docx', new Uint8Array())).toBe(REFUSALS.empty);
    expect(await refusal('假的.xlsx', Buffer.from('a,b,c'))).toBe(REFUSALS.disguised('.xlsx'));
    expect(await refusal('坏的.xlsx', await zipOf({ 'x.xml': '<a/>' }))).toBe(REFUSALS.disguised('.xlsx'));
  });

  it('a 50 MB file, refused by its size', async () => {
    const big = new Uint8Array(50 * 1024 * 1024);
    expect(await refusal('大文件.docx', big)).toBe(REFUSALS.tooLarge(big.byteLength));
    expect(REFUSALS.tooLarge(big.byteLength)).toBe('文件太大了（50 MB），最多 10 MB。请删掉无关内容或分成几个文件再发。');
    expect(await refusal('刚好.docx', new Uint8Array(MAX_IMPORT_FILE_BYTES + 1))).toMatch(/^文件太大了/);
  });

  it('a Word file without a target table', async () => {
    const doc = await zipOf({
      'word/document.xml':
        '<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body><w:p><w:r><w:t>会议通知</w:t></w:r></w:p></w:body></w:document>',
    });
    expect(await refusal('通知.docx', doc)).toBe(REFUSALS.noTables);
  });

  it('PDFs: not a PDF, broken, password-protected, scanned (no text), text but no target table', async () => {
    expect(await refusal('表.pdf', Buffer.from('这不是 PDF'))).toBe(REFUSALS.disguised('.pdf'));
    expect(await refusal('表.pdf', await zipOf({ 'word/document.xml': '<x/>' }))).toBe(REFUSALS.disguised('.pdf'));
    expect(await refusal('坏.pdf', Buffer.from('%PDF-1.7\n1 0 obj <<< garbage'))).toBe(REFUSALS.broken);
    const encrypted = readFileSync(join(REPO_ROOT, 'tests', 'import', 'fixtures', 'pdf-encrypted.pdf'));
    expect(await refusal('加密.pdf', encrypted)).toBe(REFUSALS.encrypted);
    expect(await refusal('扫描件.pdf', minimalPdf('0 0 m 100 100 l S'))).toBe(REFUSALS.noText);
    expect(await refusal('通知.pdf', minimalPdf('BT /F1 12 Tf 72 700 Td (Notice) Tj ET'))).toBe(REFUSALS.noTables);
  });
});

/** A one-page PDF whose page draws `content` (a line, or a line of text in Helvetica), with a correct xref. */
function minimalPdf(content: string): Buffer {
  const objects = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>',
    `<< /Length ${content.length} >>\nstream\n${content}\nendstream`,
    '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>',
  ];
  let out = '%PDF-1.4\n';
  const offsets: number[] = [];
  objects.forEach((o, i) => {
    offsets.push(out.length);
    out += `${i + 1} 0 obj\n${o}\nendobj\n`;
  });
  const xref = out.length;
  out += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n${offsets.map((o) => `${String(o).padStart(10, '0')} 00000 n \n`).join('')}`;
  out += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(out, 'latin1');
}
