// The home page is organised by what is happening in a resident's life, not by department. This
// is the one list of life situations (生活情形): each 明白纸 names the ones it answers in its front
// matter (`situations`, checked against this list by the content schema), and each situation
// lists the calculators that go with it.
export interface LifeSituation {
  title: string;
  calculators: string[];
}

export const LIFE_SITUATIONS = [
  { title: '我被拖欠工资', calculators: [] },
  { title: '我失业了', calculators: ['unemployment', 'severance'] },
  { title: '我受了工伤', calculators: ['work-injury'] },
  { title: '我要领养老金', calculators: ['retirement-age', 'employee-pension', 'resident-pension'] },
  { title: '我打零工、自己交社保', calculators: ['flexible-contribution'] },
  { title: '我想学技术、找工作', calculators: [] },
  { title: '我的社保卡', calculators: [] },
] as const satisfies readonly LifeSituation[];

export type SituationTitle = (typeof LIFE_SITUATIONS)[number]['title'];

export const SITUATION_TITLES = LIFE_SITUATIONS.map((s) => s.title) as [SituationTitle, ...SituationTitle[]];

export interface SituationEntry {
  id: string;
  order: number;
  situations: readonly string[];
}

/** Each situation with the explainers that name it, in list order (then by address). */
export function groupBySituation<E extends SituationEntry>(explainers: readonly E[]): { situation: (typeof LIFE_SITUATIONS)[number]; explainers: E[] }[] {
  return LIFE_SITUATIONS.map((situation) => ({
    situation,
    explainers: explainers.filter((e) => e.situations.includes(situation.title)).sort((a, b) => a.order - b.order || a.id.localeCompare(b.id)),
  }));
}
