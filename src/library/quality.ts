/**
 * Which library values may be offered to users. The seeds contain real mistakes (`≥900%`, money as a
 * quantity, the name repeated as its value); suggestions must never pass them on.
 */
import { squeeze } from '../domain/text.ts';
import { moneyUnit, parseValue } from '../domain/value.ts';
import type { LibraryIndicator } from './types.ts';

const PLACEHOLDER = /^(?:[*＊xX×\-—/／无暂无略空]|xx|XX|待定)*$/;
const VAGUE = /^(?:有效|明显|显著|大幅|逐步|进一步|不断|持续)?(?:提高|提升|改善|加强|增强|明显|有效|良好|优秀|较好|显著)$/;

/** The value to offer for a library indicator (possibly corrected), or undefined when it is unusable. */
export function usableValue(ind: LibraryIndicator): string | undefined {
  if (ind.flags?.length) return undefined;
  const raw = ind.value.raw.trim();
  if (!raw || PLACEHOLDER.test(raw) || squeeze(raw) === squeeze(ind.name)) return undefined;
  const v = parseValue(raw);
  const level2 = ind.level1 === '成本指标' ? '成本指标' : ind.level2;
  if (v.kind === 'quantitative' && v.unit === '%') {
    if (v.value === undefined || v.value < 0 || v.value > 100) return undefined;
    // `≥100%` is a reviewer's classic complaint: it means exactly 100%.
    if (v.value === 100 && (v.op === '≥' || v.op === '>')) return '=100%';
  }
  if (level2 === '数量指标' && moneyUnit(v.unit)) return undefined;
  if (level2 === '成本指标' && (v.op === '≥' || v.op === '>' || v.kind === 'qualitative')) return undefined;
  if (level2 === '服务对象满意度指标' && !(v.kind === 'quantitative' && v.unit === '%')) return undefined;
  if (ind.level1 === '产出指标' && v.kind === 'qualitative' && VAGUE.test(squeeze(raw))) return undefined;
  if (level2 === '数量指标' && v.kind !== 'quantitative') return undefined;
  return raw;
}
