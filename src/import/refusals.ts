/** Why a file cannot be imported, in short 简体中文, each with what is accepted. */
import { ACCEPTED_FILES_TEXT, MAX_IMPORT_FILE_BYTES } from '../domain/importedFile.ts';

const mb = (n: number): string => `${(n / 1024 / 1024).toFixed(1).replace(/\.0$/, '')} MB`;

export const REFUSALS = {
  oldWord: `这是旧版 Word（.doc）文件，我读不了。请在 Word 或 WPS 中「另存为」.docx 后再发给我。${ACCEPTED_FILES_TEXT}`,
  oldExcel: `这是旧版 Excel（.xls）文件，我读不了。请「另存为」.xlsx 后再发给我。${ACCEPTED_FILES_TEXT}`,
  encrypted: `这个文件设了打开密码（已加密），我读不了。请取消密码另存一份后再发。${ACCEPTED_FILES_TEXT}`,
  image: `图片里的表格我还读不了。${ACCEPTED_FILES_TEXT}也可以把表的内容粘贴成文字发给我。`,
  archive: `压缩包我不会解开。请解压后把里面的表格文件单独发给我。${ACCEPTED_FILES_TEXT}`,
  broken: `文件已损坏，打不开。请重新导出或另存一份再发。${ACCEPTED_FILES_TEXT}`,
  empty: `文件是空的。${ACCEPTED_FILES_TEXT}`,
  disguised: (ext: string) => `这个文件名是 ${ext}，但内容不是 ${ext} 文件。${ACCEPTED_FILES_TEXT}`,
  unsupported: `暂不支持此类文件。${ACCEPTED_FILES_TEXT}`,
  tooLarge: (size: number) => `文件太大了（${mb(size)}），最多 ${mb(MAX_IMPORT_FILE_BYTES)}。请删掉无关内容或分成几个文件再发。`,
  tooLargeDownload: `文件超过 ${mb(MAX_IMPORT_FILE_BYTES)}，太大了。请删掉无关内容或分成几个文件再发。`,
  noTables: '文件里没有找到绩效目标表：需要有「项目名称」一栏和「三级指标」「指标值」表头。请检查文件，或把表的内容粘贴成文字发给我。',
  noText: 'PDF 里没有可读取的文字（可能是扫描件）。请发送 Word 或 Excel 原件，或把表的内容粘贴成文字发给我。',
};

export function extension(name: string): string {
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
  if (!['docx', 'xlsx', 'pdf'].includes(ext)) return REFUSALS.unsupported;
  return undefined;
}
