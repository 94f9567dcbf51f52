/**
 * Our own evaluation projects for the composer: 政法 projects of courts, procuratorates, police,
 * 司法局 and 政法委 that the library does not hold, written for this bench (none copied from the
 * sample tables), with and without counts in the purpose. `stated` lists every count the purpose
 * states, as a reviewer would expect to see it in a value (number + unit).
 */
export interface ComposeCase {
  unit: string;
  name: string;
  purpose: string;
  /** 万元 */
  amount: number;
  stated: string[];
}

export const COMPOSE_CASES: ComposeCase[] = [
  { unit: '某区委政法委', name: '网格化服务管理工作经费', purpose: '用于全区286名专职网格员培训、网格化服务管理平台运维和网格员工作补贴', amount: 35.6, stated: ['286人'] },
  { unit: '某区委政法委', name: '平安建设宣传经费', purpose: '开展平安建设主题宣传进社区活动12场，印制平安建设宣传折页5000份', amount: 8, stated: ['12场', '5000份'] },
  { unit: '某区委政法委', name: '综治中心视频监控运维经费', purpose: '用于区综治中心视频监控系统及前端点位的运行维护', amount: 42, stated: [] },
  { unit: '某区委政法委', name: '见义勇为人员慰问经费', purpose: '春节期间慰问见义勇为人员及家属20户', amount: 2, stated: ['20户'] },
  { unit: '某区委政法委', name: '矛盾纠纷排查化解专项经费', purpose: '组织开展矛盾纠纷集中排查每月1次，聘请第三方专业调解力量参与疑难纠纷化解', amount: 15, stated: ['12次'] },
  { unit: '某区司法局', name: '法律援助办案补贴', purpose: '预计办理法律援助案件800件，按以案定补标准向承办律师发放办案补贴', amount: 50, stated: ['800件'] },
  { unit: '某区司法局', name: '人民调解员以案定补经费', purpose: '对全区人民调解员调解成功的矛盾纠纷按件补贴，全年预计1,200件', amount: 24, stated: ['1200件'] },
  { unit: '某区司法局', name: '社区矫正对象教育帮扶经费', purpose: '用于社区矫正对象集中教育、心理矫治和走访帮扶', amount: 12, stated: [] },
  { unit: '某区司法局', name: '反电信网络诈骗法治宣传经费', purpose: '开展反电信网络诈骗法治宣传进校园、进社区，印制宣传册三千份', amount: 3, stated: ['3000份'] },
  { unit: '某区司法局', name: '公共法律服务热线坐席外包经费', purpose: '购买12348公共法律服务热线坐席服务，配备坐席人员6名，全年接听群众法律咨询', amount: 36, stated: ['6人'] },
  { unit: '某区司法局', name: '司法所办公用房租赁费', purpose: '租赁街道司法所办公用房320平方米', amount: 9.6, stated: ['320平方米'] },
  { unit: '某区司法局', name: '行政执法人员培训经费', purpose: '组织全区行政执法人员业务培训4期，培训约600人次', amount: 6, stated: ['4期', '600人次'] },
  { unit: '某区人民法院', name: '审判综合楼幕墙维修改造经费', purpose: '对审判综合楼外立面幕墙进行维修改造，消除玻璃脱落安全隐患', amount: 48, stated: [] },
  { unit: '某区人民法院', name: '司法救助资金', purpose: '对因案致困的当事人给予司法救助，预计救助40人', amount: 30, stated: ['40人'] },
  { unit: '某区人民法院', name: '诉讼服务中心外包服务经费', purpose: '购买诉讼服务中心导诉、材料收转等辅助服务，服务人员8名', amount: 40, stated: ['8人'] },
  { unit: '某区人民法院', name: '人民陪审员补助经费', purpose: '向参加庭审的人民陪审员发放陪审补助，全年预计参审2000件', amount: 16, stated: ['2000件'] },
  { unit: '某区人民检察院', name: '检察办案业务经费', purpose: '用于刑事案件审查起诉、公益诉讼等检察办案工作，预计办理各类案件900件', amount: 60, stated: ['900件'] },
  { unit: '某区人民检察院', name: '12309检察服务中心运行保障经费', purpose: '保障12309检察服务中心接待、网络平台的运行维护', amount: 18, stated: [] },
  { unit: '某区人民检察院', name: '未成年人检察法治进校园经费', purpose: '开展法治进校园巡讲活动30场，覆盖中小学生约6000人次', amount: 5, stated: ['30场', '6000人次'] },
  { unit: '某区公安分局', name: '执法记录仪购置经费', purpose: '为基层派出所配备执法记录仪120台', amount: 36, stated: ['120台'] },
  { unit: '某区公安分局', name: '辅警人员经费', purpose: '用于全区85名辅警的工资及社会保险', amount: 595, stated: ['85人'] },
  { unit: '某区公安分局', name: '看守所在押人员医疗经费', purpose: '用于看守所在押人员日常诊疗、体检和突发疾病救治', amount: 20, stated: [] },
  { unit: '某区公安分局', name: '禁毒宣传教育经费', purpose: '开展禁毒宣传教育活动，全年12期禁毒知识宣传', amount: 10, stated: ['12期'] },
  { unit: '某区公安分局', name: '重点单位消防安全检查经费', purpose: '对辖区重点单位开展消防安全检查，每季度1次', amount: 4, stated: ['4次'] },
  { unit: '某区公安分局', name: '反恐应急演练经费', purpose: '组织开展反恐处突应急演练', amount: 6, stated: [] },
  { unit: '某区司法局', name: '安置帮教工作经费', purpose: '对刑满释放人员开展安置帮教和临时救助', amount: 7, stated: [] },
  { unit: '某区委政法委', name: '严重精神障碍患者监护人补贴', purpose: '向全区320名严重精神障碍患者监护人发放看护管理补贴', amount: 38.4, stated: ['320人'] },
  { unit: '某区人民法院', name: '法庭安保服务经费', purpose: '购买法庭安保服务', amount: 25, stated: [] },
];
