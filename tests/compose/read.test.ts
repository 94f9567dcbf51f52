import { describe, expect, it } from 'vitest';
import { findQuantities, parseNumber } from '../../src/compose/numbers.ts';
import { readProject } from '../../src/compose/read.ts';

const brief = (name: string, purpose?: string) =>
  readProject({ name, purpose }).activities.map((a) => `${a.kind}{${a.object}${a.quantity ? `,${a.quantity.value}${a.quantity.unit}` : ''}}`);

describe('numbers as people write them', () => {
  it.each([
    ['286', 286],
    ['1,200', 1200],
    ['三千', 3000],
    ['两千', 2000],
    ['二百八十六', 286],
    ['叁拾伍万陆仟', 356000],
    ['１２', 12],
  ])('%s → %d', (text, n) => expect(parseNumber(text)).toBe(n));

  it('reads counts and per-period counts, not dates, money or ordinals', () => {
    const q = (t: string) => findQuantities(t).map((x) => `${x.value}${x.unit}`);
    expect(q('全区286名专职网格员')).toEqual(['286人']);
    expect(q('预计办理案件1,200件，印制宣传册三千份')).toEqual(['1200件', '3000份']);
    expect(q('每月1期简报，全年12期')).toEqual(['12期', '12期']);
    expect(q('每季度1次')).toEqual(['4次']);
    expect(q('2027年3月底前完成，预算35万元，第3季度')).toEqual([]);
    expect(q('一次性奖金')).toEqual([]);
  });
});

describe('readProject', () => {
  it('splits a purpose into activities with their objects and counts', () => {
    expect(brief('网格化服务管理工作经费', '用于全区286名专职网格员培训、网格化服务管理平台运维和网格员工作补贴')).toEqual([
      'training{专职网格员,286人}',
      'operation{网格化服务管理平台}',
      'subsidy{专职网格员,286人}',
    ]);
  });

  it('shares a count stated once with every activity on the same people', () => {
    const r = readProject({ name: 'x', purpose: '用于全区286名专职网格员培训和网格员工作补贴' });
    expect(r.activities[1]).toMatchObject({ kind: 'subsidy', sharedQuantity: true });
  });

  it('takes verb-first objects and skips a recipient', () => {
    expect(brief('执法记录仪购置经费', '为基层派出所配备执法记录仪120台')).toEqual(['purchase{执法记录仪,120台}']);
  });

  it('knows compound programme names and their objects from the name alone', () => {
    expect(brief('社区矫正工作经费')).toEqual(['supervision{社区矫正对象}']);
    expect(brief('人民调解工作经费')).toEqual(['casework{人民调解案件}']);
    expect(readProject({ name: '法律援助办案补贴', purpose: '预计办理法律援助案件800件' }).activities[0]!.subject).toBe('受援人');
  });

  it('does not take an effect or a material for an activity', () => {
    expect(brief('维护稳定工作专项经费')).toEqual(['work{维护稳定工作}']);
    expect(brief('x', '印制宣传册三千份')).toEqual(['printing{宣传册,3000份}']);
    // A repair of a court building has no litigants to satisfy.
    expect(readProject({ name: 'x', purpose: '对审判综合楼外立面幕墙进行维修改造' }).activities[0]!.subject).toBeUndefined();
  });

  it('gives a generic work activity when nothing is recognised', () => {
    expect(brief('政治工作专项经费')).toEqual(['work{政治工作}']);
  });
});

describe('purposes as a second reviewer wrote them', () => {
  it('reads counts with a multiplier and the units of drones, files, pages and person-days', () => {
    const q = (t: string) => findQuantities(t).map((x) => `${x.value}${x.unit}`);
    expect(q('计划完成档案12,000卷、约180万页')).toEqual(['12000卷', '1800000页']);
    expect(q('配备警用无人机16架')).toEqual(['16架']);
    expect(q('预计全年关押3,600人日')).toEqual(['3600人日']);
    expect(q('预计全年值班480个工作日')).toEqual(['480个工作日']);
  });

  it('keeps lead verbs, the paying unit and listed sub-kinds out of objects', () => {
    expect(brief('法律援助宣传经费', '加强法律援助宣传，不断提高法律援助社会知晓率')).toEqual(['publicity{法律援助}']);
    expect(brief('政法办巡防队服务经费')).toEqual(['service{巡防队}']);
    expect(brief('110接处警系统升级改造项目', '对市公安局指挥中心110接处警系统进行升级改造')).toEqual(['repair{指挥中心110接处警系统}']);
    expect(brief('办案平台运维经费', '用于政法跨部门大数据办案平台的软硬件运维')).toEqual(['operation{政法跨部门大数据办案平台}']);
    expect(brief('刑事案件司法鉴定费', '用于办理刑事案件中委托开展的司法会计鉴定、电子数据鉴定、法医鉴定等费用')).toHaveLength(1);
  });

  it('multiplies a count by its recipients (各) and lets a forecast count the work before it', () => {
    expect(brief('科技法庭改造项目', '为全县5个人民法庭各改造1间科技法庭')).toEqual(['repair{科技法庭,5间}']);
    const r = readProject({ name: '执行辅助事务外包服务经费', purpose: '购买执行辅助事务服务，预计送达法律文书18,000件' });
    expect(r.activities).toHaveLength(1);
    expect(r.activities[0]!.quantity).toMatchObject({ value: 18000, unit: '件', label: '送达法律文书' });
  });

  it('trains and treats people, not topics; a room named after a programme is no activity', () => {
    expect(brief('检察业务培训经费', '组织检察干警参加刑事检察、公益诉讼等业务专题培训')).toEqual(['training{检察干警}']);
    expect(brief('社区矫正中心改造项目', '对县社区矫正中心进行功能区改造，设置宣告室、训诫室、心理矫治室等功能室')).toEqual(['repair{社区矫正中心}']);
  });
});

describe('words that only describe a place, a person, a skill or a scenario', () => {
  it('reads no case work out of 办案区, 调解员 or 调解技能, and no event out of a drill’s scenarios', () => {
    expect(brief('检察院办案业务用房维修改造', '对检察院办案区、询问室及档案室进行防水、电路和消防设施维修改造，改造面积约1,200平方米')).toEqual(['repair{办案区和询问室及档案室,1200平方米}']);
    expect(brief('人民调解员业务能力培训经费', '组织社区人民调解员开展调解技能和法律知识轮训，全年举办6期')).toEqual(['training{社区人民调解员,6期}']);
    expect(brief('应急处突演练经费', '组织开展大型活动安保、暴恐事件处置等应急处突实战演练')).toEqual(['event{应急处突}']);
    // The list before 等 is what is taught; the people trained stay the object.
    expect(brief('检察业务培训经费', '组织检察干警参加刑事检察、公益诉讼等业务专题培训')).toEqual(['training{检察干警}']);
  });

  it('takes the name’s system for a bought 运维服务, and medicines as part of the treatment', () => {
    expect(brief('法院智慧法院信息系统运维', '保障审判流程管理、电子卷宗等信息系统正常运行，购买第三方运维服务')).toEqual(['operation{智慧法院信息系统}']);
    expect(brief('看守所在押人员医疗保障经费', '用于看守所在押人员日常诊疗、入所体检及药品采购')).toEqual(['medical{看守所在押人员}']);
    // 心理矫治购买服务: the purpose says what is done; that it is bought is no second activity.
    expect(brief('社区矫正对象心理矫治购买服务', '委托心理咨询机构对社区矫正对象开展心理测评')).toEqual(['supervision{社区矫正对象}']);
  });
});

describe('what the purpose says the money is for, and what it only says around it', () => {
  it('reads no work out of an effect clause, a cost list, a service’s contents or the lawyers hired', () => {
    expect(brief('司法辅助人员培训', '全年举办业务培训班6期，培训司法辅助人员约300人次，提升审判辅助工作质效')).toEqual(['training{司法辅助人员,6期}']);
    expect(brief('执法执勤车辆更新购置', '为派出所更新报废超龄的执法执勤车辆6辆，保障接处警和巡逻防控用车需要')).toEqual(['purchase{执法执勤车辆,6辆}']);
    expect(brief('交通文明劝导志愿服务', '组织志愿者开展交通文明劝导，用于志愿者服装装备、意外保险及交通误餐补贴')).toEqual(['publicity{交通文明}']);
    expect(brief('村法律顾问购买服务', '为全区85个村聘请律师担任法律顾问，提供法律咨询、矛盾化解和法治宣传')[0]).toMatch(/^service\{法律顾问/);
    expect(brief('村法律顾问购买服务', '为全区85个村聘请律师担任法律顾问，提供法律咨询、矛盾化解和法治宣传')).toHaveLength(1);
    expect(brief('信访律师参与化解', '聘请律师参与涉法涉诉信访接待和矛盾化解工作')).toEqual(['casework{矛盾纠纷}']);
  });

  it('takes what 对 names as the object, without its count, its place or its condition', () => {
    expect(brief('社区矫正信息化监管', '对全区在册社区矫正对象约320人实施手机定位信息化监管')).toEqual(['supervision{社区矫正对象,320人}']);
    expect(brief('交通信号设备运维', '对全区126个路口的交通信号灯、电子警察设备开展日常巡检、故障维修和配件更换')).toEqual(['operation{交通信号灯和电子警察设备}']);
    expect(brief('视频链路租赁', '租赁运营商视频监控点位及传输链路，保障1,200路公共视频正常接入')).toEqual(['rental{视频监控点位及传输链路,1200路}']);
  });
});

describe('a sixth reviewer’s readings', () => {
  it('staffs 警务辅助人员, meets at a 审判业务 meeting, and keeps an upkeep project to its system', () => {
    expect(brief('派出所警务辅助人员劳务派遣服务费', '通过劳务派遣方式为全区派出所配备警务辅助人员约210名')).toEqual(['staffing{警务辅助人员,210人}']);
    expect(brief('审判业务工作会议经费', '召开全县法院年度审判业务工作会议，全年共5次')[0]).toMatch(/^event\{/);
    expect(brief('视频会商系统运维服务', '购买区、街道两级综治中心视频会商系统运行维护服务，保障系统稳定运行和矛盾纠纷协同处置')).toEqual(['operation{综治中心视频会商系统}']);
    expect(brief('检察办案司法鉴定费', '用于办理刑事案件中委托开展的精神病鉴定、伤情鉴定等司法鉴定支出')).toEqual(['casework{鉴定事项}']);
    // The name's weak 活动 on what the purpose already does is no second activity.
    expect(brief('法治进校园活动经费', '开展检察官法治副校长进校园宣讲活动，全年举办宣讲80场次')).toHaveLength(1);
  });
});
