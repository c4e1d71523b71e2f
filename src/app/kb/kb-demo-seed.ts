/**
 * A few knowledge-base articles for the demo center, published so that agents get
 * suggestions on the demo's roaming and plan cases and the portal's help centre has answers.
 */
import { systemActor, type Actor, type AppDeps } from '../app-context.ts';
import { KbArticleService } from './kb-article-service.ts';
import { KbCategories } from './kb-categories.ts';

type Seed = [
  slug: string,
  lang: 'zh-CN' | 'en',
  title: string,
  body: string,
  tags: string[],
  audience: 'public' | 'internal',
  category: string,
  translationOf?: string,
];

const articles: Seed[] = [
  [
    'roaming-japan',
    'zh-CN',
    '日本国际漫游资费与开通',
    '前往日本前请发送 **KTMY** 到10086开通国际漫游。\n\n| 项目 | 资费 |\n|---|---|\n| 日套餐（不限流量） | 28元/天 |\n| 拨打日本本地 | 0.99元/分钟 |\n| 接听 | 0.99元/分钟 |\n\n回国后发送 QXMY 关闭。',
    ['漫游', '日本'],
    'public',
    'Roaming',
  ],
  [
    'roaming-japan-en',
    'en',
    'Roaming in Japan: rates and activation',
    'Text **KTMY** to 10086 before you travel to Japan.\n\n| Item | Rate |\n|---|---|\n| Day pass (unlimited data) | 28 yuan a day |\n| Local calls | 0.99 yuan a minute |\n| Incoming calls | 0.99 yuan a minute |\n\nText QXMY when you are back.',
    ['roaming', 'japan'],
    'public',
    'Roaming',
    'roaming-japan',
  ],
  [
    'roaming-refund-script',
    'zh-CN',
    '坐席话术：漫游费争议',
    '【内部】客户对漫游费有异议时：核实身份，查询漫游话单；确属系统重复扣费的，可直接派单计费组退费。',
    ['漫游', '话术'],
    'internal',
    'Roaming',
  ],
  [
    'plan-5g-99',
    'zh-CN',
    '5G畅享套餐99元档',
    '5G畅享套餐99元/月，含国内通用流量30GB、国内通话500分钟。套餐变更次月生效。',
    ['5G', '套餐'],
    'public',
    'Plans',
  ],
  [
    'plan-change',
    'zh-CN',
    '套餐变更规则',
    '套餐变更次月生效，每月可申请一次，可通过APP或拨打10086办理。',
    ['套餐变更'],
    'public',
    'Plans',
  ],
  [
    'plan-change-en',
    'en',
    'Changing your plan',
    'A plan change takes effect next month; you may ask once a month in the app or by calling 10086.',
    ['change plan'],
    'public',
    'Plans',
    'plan-change',
  ],
  [
    'invoice',
    'zh-CN',
    '如何开具电子发票',
    '登录APP，在“费用-发票”中选择月份即可开具电子发票，发票将发送到您的邮箱。',
    ['发票', 'invoice'],
    'public',
    'Account',
  ],
  [
    'no-signal',
    'zh-CN',
    '手机信号差怎么办',
    '请尝试开关飞行模式、更换位置；仍无改善请在APP中提交信号问题反馈，或拨打10086报障。',
    ['信号', '故障'],
    'public',
    'Network',
  ],
];

export async function seedKnowledgeBase(deps: AppDeps): Promise<void> {
  // Written by the demo's supervisor when there is one (so the page shows a real author).
  const lina = (await deps.store.users.getCredentials('lina'))?.user;
  const author: Actor = {
    ...systemActor,
    id: lina?.id ?? 'demo-kb-author',
    username: lina?.username ?? 'kb',
    role: 'supervisor',
  };
  const kb = new KbArticleService(deps);
  const categories = new KbCategories(deps);
  const cat = new Map<string, string>();
  for (const [name, nameZh] of [
    ['Roaming', '国际漫游'],
    ['Plans', '套餐资费'],
    ['Account', '账户业务'],
    ['Network', '网络故障'],
  ] as const)
    cat.set(name, (await categories.create(systemActor, { name, nameZh, parentId: null })).id);
  const ids = new Map<string, string>();
  for (const [slug, lang, title, body, tags, audience, category, of] of articles) {
    const a = await kb.create(author, {
      slug,
      lang,
      title,
      body,
      tags,
      audience,
      categoryId: cat.get(category) ?? null,
      validFrom: null,
      validUntil: null,
      translationOf: of ? (ids.get(of) ?? null) : null,
    });
    ids.set(slug, a.id);
    const submitted = await kb.move(author, a.id, a.rev, 'submit', null);
    await kb.move(systemActor, a.id, submitted.rev, 'publish', null);
  }
}
