/**
 * The composer's vocabulary, kept as reviewable data: the kinds of activity 政法 budgets fund and the
 * words that mark them, domain words for the segmenter, filler words, and the names of places and
 * documents that belong to the sample tables, never to a user's project.
 */

export type ActivityKindId =
  | 'training'
  | 'publicity'
  | 'subsidy'
  | 'purchase'
  | 'operation'
  | 'repair'
  | 'service'
  | 'casework'
  | 'medical'
  | 'supervision'
  | 'inspection'
  | 'rental'
  | 'event'
  | 'staffing'
  | 'insurance'
  | 'printing'
  | 'build'
  | 'survey'
  | 'work';

export interface Trigger {
  /** The word as written in a name or purpose. */
  word: string;
  kind: ActivityKindId;
  /** The object when the clause names none (社区矫正 → 社区矫正对象). */
  object?: string;
  /** Whose satisfaction is measured (受援人, 调解当事人 …); the kind's default otherwise. */
  subject?: string;
  /** The trigger is itself part of the object's name (法律援助案件, 人民调解案件). */
  keepInObject?: boolean;
}

/**
 * Longest first when matched. A clause takes the first trigger found by position; ties go to the
 * longer word. Words seen in the 70 sample tables' names and purposes, plus the issue's list of kinds.
 */
export const TRIGGERS: Trigger[] = [
  // training
  { word: '教育培训', kind: 'training' },
  { word: '业务培训', kind: 'training' },
  { word: '培训考试', kind: 'training' },
  { word: '轮训', kind: 'training' },
  { word: '培训', kind: 'training' },
  // publicity
  { word: '宣传教育', kind: 'publicity' },
  { word: '法治宣传', kind: 'publicity', object: '法治', keepInObject: false },
  { word: '普法宣传', kind: 'publicity', object: '普法' },
  { word: '普法', kind: 'publicity', object: '普法' },
  { word: '宣讲', kind: 'publicity' },
  { word: '宣传', kind: 'publicity' },
  { word: '印制', kind: 'printing' },
  { word: '印刷', kind: 'printing' },
  { word: '制作', kind: 'printing' },
  // subsidy
  { word: '以案定补', kind: 'subsidy', object: '案件' },
  { word: '以案代补', kind: 'subsidy', object: '案件' },
  { word: '办案补贴', kind: 'subsidy', object: '案件' },
  { word: '按件补贴', kind: 'subsidy', object: '案件' },
  { word: '补贴', kind: 'subsidy' },
  { word: '补助', kind: 'subsidy' },
  { word: '奖励', kind: 'subsidy' },
  { word: '奖金', kind: 'subsidy' },
  { word: '表彰', kind: 'subsidy' },
  { word: '慰问', kind: 'subsidy' },
  { word: '救助', kind: 'subsidy' },
  // purchase
  { word: '购置', kind: 'purchase' },
  { word: '采购', kind: 'purchase' },
  { word: '配备', kind: 'purchase' },
  { word: '配置', kind: 'purchase' },
  { word: '更新', kind: 'purchase' },
  // operation
  { word: '运行维护', kind: 'operation' },
  { word: '维修保养', kind: 'operation' },
  { word: '保养', kind: 'operation' },
  { word: '运维', kind: 'operation' },
  { word: '维保', kind: 'operation' },
  { word: '运行保障', kind: 'operation' },
  { word: '运营', kind: 'operation' },
  { word: '巡检', kind: 'operation' },
  { word: '维护', kind: 'operation' },
  // repair
  { word: '维修改造', kind: 'repair' },
  { word: '改造', kind: 'repair' },
  { word: '维修', kind: 'repair' },
  { word: '修缮', kind: 'repair' },
  { word: '装修', kind: 'repair' },
  // build
  { word: '新建', kind: 'build' },
  { word: '建设', kind: 'build' },
  { word: '安装', kind: 'build' },
  { word: '部署', kind: 'build' },
  { word: '搭建', kind: 'build' },
  // service
  { word: '政府购买服务', kind: 'service' },
  { word: '购买服务', kind: 'service' },
  { word: '外包', kind: 'service' },
  { word: '坐席', kind: 'service' },
  { word: '聘请', kind: 'service' },
  { word: '聘用', kind: 'service' },
  { word: '委托', kind: 'service' },
  { word: '鉴定', kind: 'casework', object: '鉴定事项', subject: '委托办案部门' },
  { word: '设立', kind: 'build' },
  { word: '值班', kind: 'service' },
  { word: '心理疏导', kind: 'supervision' },
  { word: '心理测评', kind: 'supervision' },
  { word: '心理咨询', kind: 'supervision' },
  { word: '社会调查', kind: 'survey' },
  { word: '满意度调查', kind: 'survey' },
  { word: '问卷调查', kind: 'survey' },
  { word: '调查', kind: 'survey' },
  { word: '测评', kind: 'survey' },
  { word: '听证', kind: 'casework' },
  { word: '宣传周', kind: 'publicity' },
  { word: '宣传月', kind: 'publicity' },
  { word: '服务经费', kind: 'service' },
  { word: '服务费', kind: 'service' },
  { word: '使用费', kind: 'service' },
  { word: '订阅', kind: 'service' },
  { word: '审计', kind: 'service', object: '审计服务', keepInObject: true },
  { word: '法律顾问', kind: 'service', object: '法律顾问', keepInObject: true },
  { word: '律师代理', kind: 'service', object: '律师代理', keepInObject: true },
  { word: '物业', kind: 'service', object: '物业', keepInObject: true },
  { word: '保洁', kind: 'service', object: '保洁', keepInObject: true },
  { word: '安保', kind: 'service', object: '安保', keepInObject: true },
  // casework
  { word: '法律援助', kind: 'casework', object: '法律援助案件', subject: '受援人', keepInObject: true },
  { word: '人民调解', kind: 'casework', object: '人民调解案件', subject: '调解当事人', keepInObject: true },
  { word: '矛盾纠纷', kind: 'casework', object: '矛盾纠纷', subject: '纠纷当事人', keepInObject: true },
  { word: '调解', kind: 'casework', object: '调解案件', subject: '调解当事人' },
  { word: '化解', kind: 'casework', subject: '纠纷当事人' },
  { word: '行政复议', kind: 'casework', object: '行政复议案件', subject: '复议申请人', keepInObject: true },
  { word: '审判', kind: 'casework', object: '案件', subject: '诉讼当事人' },
  { word: '审理', kind: 'casework', object: '案件', subject: '诉讼当事人' },
  { word: '执行', kind: 'casework', object: '执行案件', subject: '案件当事人' },
  { word: '公诉', kind: 'casework', object: '公诉案件', subject: '案件当事人' },
  { word: '公益诉讼', kind: 'casework', object: '公益诉讼案件', subject: '社会公众', keepInObject: true },
  { word: '诉讼', kind: 'casework', object: '诉讼案件', subject: '诉讼当事人', keepInObject: true },
  { word: '调查取证', kind: 'casework' },
  { word: '办理', kind: 'casework', object: '案件', subject: '案件当事人' },
  { word: '办案', kind: 'casework', object: '案件', subject: '案件当事人' },
  { word: '信访', kind: 'casework', object: '信访事项', subject: '信访群众', keepInObject: true },
  // medical
  { word: '强制医疗', kind: 'medical', object: '强制医疗人员', subject: '患者监护人' },
  { word: '体检', kind: 'medical', object: '体检人员', subject: '参检人员' },
  { word: '救治', kind: 'medical' },
  { word: '医疗', kind: 'medical' },
  { word: '诊疗', kind: 'medical' },
  { word: '看护', kind: 'medical' },
  // supervision
  { word: '社区矫正', kind: 'supervision', object: '社区矫正对象', keepInObject: true },
  { word: '安置帮教', kind: 'supervision', object: '安置帮教对象', keepInObject: true },
  { word: '社区戒毒', kind: 'supervision', object: '社区戒毒人员', keepInObject: true },
  { word: '戒毒', kind: 'supervision', object: '戒毒人员' },
  { word: '教育帮扶', kind: 'supervision' },
  { word: '心理矫治', kind: 'supervision' },
  { word: '矫治', kind: 'supervision' },
  { word: '困难帮扶', kind: 'subsidy' },
  { word: '帮扶', kind: 'supervision' },
  { word: '帮教', kind: 'supervision' },
  { word: '矫正', kind: 'supervision', object: '矫正对象' },
  { word: '监管', kind: 'supervision' },
  { word: '管控', kind: 'supervision' },
  { word: '监护', kind: 'supervision' },
  // inspection
  { word: '督导检查', kind: 'inspection' },
  { word: '排查', kind: 'inspection' },
  { word: '核查', kind: 'inspection' },
  { word: '督查', kind: 'inspection' },
  { word: '巡查', kind: 'inspection' },
  { word: '巡逻', kind: 'inspection' },
  { word: '巡防', kind: 'inspection' },
  { word: '检查', kind: 'inspection' },
  { word: '走访', kind: 'inspection' },
  // rental
  { word: '租赁', kind: 'rental' },
  { word: '租用', kind: 'rental' },
  { word: '租金', kind: 'rental' },
  // event
  { word: '演练', kind: 'event' },
  { word: '比武', kind: 'event' },
  { word: '竞赛', kind: 'event' },
  { word: '座谈', kind: 'event' },
  { word: '会议', kind: 'event' },
  { word: '活动', kind: 'event' },
  // staffing
  { word: '劳务派遣', kind: 'staffing', object: '劳务派遣人员' },
  { word: '工资', kind: 'staffing' },
  { word: '薪酬', kind: 'staffing' },
  { word: '人员经费', kind: 'staffing' },
  // insurance
  { word: '责任险', kind: 'insurance' },
  { word: '保险', kind: 'insurance' },
  { word: '文明劝导', kind: 'publicity', object: '交通文明', subject: '过往群众' },
  { word: '劝导', kind: 'publicity' },
  { word: '投保', kind: 'insurance' },
];

/** Domain words for the segmenter, with a part-of-speech tag (n noun, v verb, vn verbal noun). */
export const DOMAIN_WORDS: ReadonlyArray<readonly [string, string]> = [
  ['运维', 'vn'],
  ['运行维护', 'vn'],
  ['维保', 'vn'],
  ['网格员', 'n'],
  ['专职网格员', 'n'],
  ['网格化', 'n'],
  ['以案定补', 'vn'],
  ['以案代补', 'vn'],
  ['社区矫正', 'vn'],
  ['社区矫正对象', 'n'],
  ['精神障碍患者', 'n'],
  ['安置帮教', 'vn'],
  ['法律援助', 'vn'],
  ['人民调解', 'vn'],
  ['调解员', 'n'],
  ['执法记录仪', 'n'],
  ['雪亮工程', 'n'],
  ['综治中心', 'n'],
  ['政法网', 'n'],
  ['幕墙', 'n'],
  ['坐席', 'n'],
  ['受援人', 'n'],
  ['反诈', 'vn'],
  ['禁毒', 'vn'],
  ['反恐', 'vn'],
  ['电信网络诈骗', 'n'],
  ['宣传册', 'n'],
  ['涉罪未成年人', 'n'],
  ['一体机', 'n'],
  ['人民陪审员', 'n'],
  ['宣传品', 'n'],
  ['值班律师', 'n'],
  ['法律顾问', 'n'],
  ['见义勇为', 'vn'],
  ['扫黑除恶', 'vn'],
  ['平安建设', 'vn'],
  ['信访', 'vn'],
  ['司法所', 'n'],
  ['看守所', 'n'],
  ['在押人员', 'n'],
  ['辅警', 'n'],
  ['警务', 'n'],
  ['审判庭', 'n'],
  ['诉讼服务中心', 'n'],
  ['政法办', 'nt'],
  ['政法委', 'nt'],
  ['巡防队', 'n'],
  ['巡防队员', 'n'],
  ['退休人员', 'n'],
  ['刑满释放人员', 'n'],
  ['反有组织犯罪法', 'nz'],
  ['反电信网络诈骗法', 'nz'],
  ['民法典', 'nz'],
  ['国家安全法', 'nz'],
  ['审计服务', 'n'],
  ['12368', 'n'],
  ['12309', 'n'],
];

/**
 * Words that say nothing about what the money buys; stripped from an object (全区, 相关, 工作 …).
 * Ordered longest first at use.
 */
export const FILLERS = [
  '主要用于',
  '安排',
  '购买',
  '为',
  '用于',
  '开展',
  '组织',
  '支付',
  '保障',
  '全区',
  '全县',
  '全市',
  '全年',
  '年度',
  '相关',
  '有关',
  '各项',
  '各类',
  '日常',
  '专项',
  '工作',
  '经费',
  '费用',
  '资金',
  '项目',
  '预计',
  '计划',
  '其中',
  '约',
  '共',
  '等',
  '的',
  '及',
  '和',
  '与',
  '对',
  '进行',
  '全体',
  '所需',
  '服务费',
  // Lead verbs of a goal, not part of what is bought: 加强法律援助宣传 → 法律援助, 提升档案管理设备改造.
  '加强',
  '做好',
  '提升',
  '推进',
  '推动',
  '完善',
  '落实',
  '强化',
  '深化',
  '确保',
  '保证',
  '不断',
  '进一步',
  '提供',
  '按照规定',
  '按规定',
];

/**
 * Places, bodies and document prefixes of the sample tables. A user's table never names them unless
 * the user did (a 财政局 reviewer returns a table that speaks of another locality).
 */
export const FOREIGN_TERMS = [
  '海港',
  '大连',
  '秦皇岛',
  '滨海',
  '天津',
  '高新区',
  '开发区',
  '经开区',
  '管委会',
  '市局',
  '秦财',
  '津财',
  '平安大连',
  '平安海港',
  '船厂路',
];

/** Secret wording never fit for a 依据 in a table that is published. */
export const SECRET = '涉密';
