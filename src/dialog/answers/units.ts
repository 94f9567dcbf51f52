/** What a 主管部门 looks like: the name of a public body. Pure. */
import { normalizeText } from './parse.ts';

/** Endings of the names of public bodies; a 主管部门 without one is confirmed before it is kept. */
const UNIT_END =
  /(?:局|委|委员会|院|办|办公室|所|中心|队|庭|厅|部|处|室|站|会|馆|校|学|大学|学院|政府|街道|办事处|镇|乡|村|社区|公司|集团|署|科|协会|联合会|团|社|台|监狱|医院|银行|党校|研究院|管委会|支队|大队|中队|分局|派出所|法院|检察院|单位|机关)$/;

export function looksLikeUnit(text: string): boolean {
  const t = normalizeText(text);
  return t.length >= 2 && UNIT_END.test(t) && !/^\d/.test(t);
}
