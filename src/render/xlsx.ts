/**
 * The department's indicator list as .xlsx (exceljs): one row per indicator with its project, the
 * columns a budget system asks for, ready to copy over.
 */
import ExcelJS from 'exceljs';
import type { DraftTable } from '../domain/draft.ts';
import { orderIndicators } from './group.ts';
import { cleanText } from './text.ts';

export const XLSX_MIME = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

const COLUMNS: Array<{ header: string; width: number }> = [
  { header: '项目名称', width: 28 },
  { header: '一级指标', width: 12 },
  { header: '二级指标', width: 16 },
  { header: '三级指标', width: 24 },
  { header: '指标值', width: 14 },
  { header: '绩效指标描述', width: 36 },
  { header: '指标值确定依据', width: 28 },
];

export async function renderIndicatorXlsx(tables: DraftTable[]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = '绩效目标表助手';
  const ws = wb.addWorksheet('绩效指标');
  ws.columns = COLUMNS.map((c) => ({ header: c.header, width: c.width }));
  ws.getRow(1).font = { bold: true };
  ws.views = [{ state: 'frozen', ySplit: 1 }];
  for (const t of tables) {
    for (const i of orderIndicators(t)) {
      ws.addRow([t.projectName ?? '', i.level1, i.level2, i.name, i.value, i.description ?? '', i.basis ?? ''].map((s) => cleanText(s)));
    }
  }
  return Buffer.from(await wb.xlsx.writeBuffer());
}
