// The home page is organised by what is happening in a resident's life, not by department:
// each situation points to the explainers and calculators that answer it.
export interface LifeSituation {
  title: string;
  explainers: string[];
  calculators: string[];
}

export const LIFE_SITUATIONS: LifeSituation[] = [
  { title: '我被拖欠工资', explainers: ['wage-arrears', 'labor-dispute'], calculators: [] },
  { title: '我失业了', explainers: ['unemployment-benefit', 'severance'], calculators: ['unemployment', 'severance'] },
  { title: '我受了工伤', explainers: ['work-injury'], calculators: ['work-injury'] },
  { title: '我要领养老金', explainers: ['retirement-age', 'resident-pension', 'pension-transfer'], calculators: ['retirement-age', 'employee-pension', 'resident-pension'] },
  { title: '我打零工、自己交社保', explainers: ['flexible-employment-pension'], calculators: ['flexible-contribution'] },
  { title: '我想学技术、找工作', explainers: ['training-subsidy'], calculators: [] },
  { title: '我的社保卡', explainers: ['social-security-card', 'pension-transfer'], calculators: [] },
];
