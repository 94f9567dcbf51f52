/**
 * An .xlsx workbook → blocks (exceljs): each sheet is one table, merged ranges spread over the
 * slots they cover. A sheet may be a whole target table, or an indicator list with a 项目名称
 * column (our own `生成全部` export): the interpreter handles both.
 */
import ExcelJS from 'exceljs';
import type { ImportedFile } from '../domain/importedFile.ts';
import type { Block, GridCell, GridRow } from './grid.ts';
import { tablesFromBlocks } from './interpret.ts';
import { REFUSALS } from './refusals.ts';

function valueText(v: ExcelJS.CellValue): string {
  if (v === null || v === undefined) return '';
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  if (typeof v === 'string') return v;
  if (v instanceof Date) return v.toISOString().slice(0, 10);
  if ('richText' in v) return v.richText.map((r) => r.text).join('');
  if ('result' in v) return valueText((v.result ?? '') as ExcelJS.CellValue);
  if ('text' in v) return String(v.text);
  return '';
}

function sheetBlock(ws: ExcelJS.Worksheet): Block {
  const cells = new Map<string, GridCell>();
  let id = 0;
  const rows: GridRow[] = [];
  for (let r = 1; r <= ws.rowCount; r++) {
    const row: GridRow = [];
    for (let c = 1; c <= ws.columnCount; c++) {
      const cell = ws.getCell(r, c);
      const master = cell.isMerged ? cell.master : cell;
      let g = cells.get(master.address);
      if (!g) {
        g = { id: ++id, text: valueText(master.value).replace(/\r\n?/g, '\n') };
        cells.set(master.address, g);
      }
      row.push(g);
    }
    rows.push(row);
  }
  return { kind: 'table', rows };
}

export async function importXlsx(bytes: Uint8Array): Promise<ImportedFile> {
  const wb = new ExcelJS.Workbook();
  try {
    await wb.xlsx.load(bytes as unknown as ArrayBuffer);
  } catch {
    return { ok: false, message: REFUSALS.disguised('.xlsx') };
  }
  // A zip without a workbook in it loads as an empty workbook.
  if (wb.worksheets.length === 0) return { ok: false, message: REFUSALS.disguised('.xlsx') };
  const blocks: Block[] = [];
  for (const ws of wb.worksheets) {
    blocks.push({ kind: 'para', text: ws.name });
    blocks.push(sheetBlock(ws));
  }
  const tables = tablesFromBlocks(blocks);
  return tables.length ? { ok: true, format: 'xlsx', tables } : { ok: false, message: REFUSALS.noTables };
}
