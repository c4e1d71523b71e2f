/**
 * The demo center (`kefu seed --demo`, and `npm start` on an empty store): teams, skills, staff
 * and a customer login, customers with Chinese and English names, categories, an office-hours
 * calendar, and cases standing at every stage. Everything goes through the use cases, so the
 * event log tells the same story as the tables.
 */
import type { CaseStage } from '../../domain/case/case-stage.ts';
import type { Role } from '../../domain/user/user.ts';
import { systemActor, type Actor, type AppDeps } from '../app-context.ts';
import { CaseConfigService } from '../cases/case-config-service.ts';
import { CaseService } from '../cases/case-service.ts';
import { CustomerService } from '../customers/customer-service.ts';
import { OrgService } from '../org/org-service.ts';
import { RouterService } from '../routing/router-service.ts';
import { RoutingConfigService } from '../routing/routing-config-service.ts';
import { generalQueueId } from './bootstrap.ts';
import { DeviceService } from '../voice/device-service.ts';
import { seedKnowledgeBase } from '../kb/kb-demo-seed.ts';

export const demoPassword = 'kefu-demo';
export const demoPhonePassword = 'kefu-phone';

export interface DemoLogin {
  readonly username: string;
  readonly role: Role;
  readonly displayName: string;
}

export const demoLogins: readonly DemoLogin[] = [
  { username: 'admin', role: 'admin', displayName: '系统管理员 Admin' },
  { username: 'lina', role: 'supervisor', displayName: '李娜 Li Na' },
  { username: 'wangfang', role: 'agent', displayName: '王芳 Wang Fang' },
  { username: 'zhangwei', role: 'agent', displayName: '张伟 Zhang Wei' },
  { username: 'emma', role: 'agent', displayName: 'Emma Clarke' },
  { username: 'zhaogang', role: 'backoffice', displayName: '赵刚 Zhao Gang' },
  { username: 'chenjing', role: 'backoffice', displayName: '陈静 Chen Jing' },
  { username: 'customer', role: 'customer', displayName: '刘洋 Liu Yang' },
];

const surnames = [
  '王',
  '李',
  '张',
  '刘',
  '陈',
  '杨',
  '黄',
  '赵',
  '吴',
  '周',
  '徐',
  '孙',
  '马',
  '朱',
  '胡',
];
const givenNames = [
  '伟',
  '芳',
  '娜',
  '敏',
  '静',
  '丽',
  '强',
  '磊',
  '军',
  '洋',
  '勇',
  '艳',
  '杰',
  '娟',
  '涛',
];
const englishNames = [
  'Oliver Smith',
  'Sophia Brown',
  'James Wilson',
  'Mia Taylor',
  'Lucas Martin',
  'Grace Lee',
  'Noah Davies',
  'Chloe Walker',
  'Ethan Hall',
  'Ava Young',
];

/** A small deterministic generator so every demo center looks the same. */
function prng(seed: number) {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

export async function seedDemo(deps: AppDeps): Promise<{ customers: number; cases: number }> {
  const admin: Actor = { ...systemActor };
  const org = new OrgService(deps);
  const cfg = new CaseConfigService(deps);
  const people = new CustomerService(deps);
  const cases = new CaseService(deps);
  const rnd = prng(20261129);
  const pick = <T>(a: readonly T[]): T => a[Math.floor(rnd() * a.length)] as T;

  const front = await org.createTeam(admin, {
    name: '一线服务组 Front line',
    kind: 'front',
    description: 'First-line phone, chat and e-mail',
  });
  const complaints = await org.createTeam(admin, {
    name: '投诉处理组 Complaints',
    kind: 'front',
    description: 'Complaint handling and supervision',
  });
  const billing = await org.createTeam(admin, {
    name: '计费后台 Billing back office',
    kind: 'backoffice',
    description: 'Bill corrections and refunds',
  });
  const network = await org.createTeam(admin, {
    name: '网络维护 Network operations',
    kind: 'backoffice',
    description: 'Coverage and fault tickets',
  });

  const skill = async (name: string, description: string) =>
    (await org.createSkill(admin, { name, description })).id;
  const s = {
    billing: await skill('billing', '计费 Bills, charges, refunds'),
    roaming: await skill('roaming', '漫游 International roaming'),
    complaints: await skill('complaints', '投诉 Complaint handling'),
    network: await skill('network', '网络 Coverage and data faults'),
    vip: await skill('vip', 'VIP 专席'),
    english: await skill('english', 'English'),
    mandarin: await skill('mandarin', '普通话 Mandarin'),
  };

  const levels = ['normal', 'normal', 'normal', 'silver', 'gold', 'platinum', 'vip'] as const;
  const customerIds: string[] = [];
  for (let i = 0; i < 30; i++) {
    const english = i % 4 === 3;
    const name = english
      ? (englishNames[i % englishNames.length] ?? 'Alex Doe')
      : pick(surnames) + pick(givenNames) + (rnd() < 0.5 ? pick(givenNames) : '');
    const msisdn = `86138${String(10000000 + i * 7919).padStart(8, '0')}`;
    const c = await people.create(admin, {
      name,
      msisdn,
      email: english
        ? `${name.split(' ')[0]?.toLowerCase()}.${i}@example.com`
        : `user${i}@example.cn`,
      level: pick(levels),
      tags: rnd() < 0.3 ? ['prepaid'] : ['postpaid', ...(rnd() < 0.2 ? ['roaming'] : [])],
      language: english ? 'en' : 'zh-CN',
    });
    customerIds.push(c.id);
  }
  const liuYang = await people.create(admin, {
    name: '刘洋 Liu Yang',
    msisdn: '8613900139000',
    email: 'liuyang@example.cn',
    level: 'gold',
    tags: ['postpaid'],
  });

  const users: Record<string, string> = {};
  const add = async (
    username: string,
    role: Role,
    displayName: string,
    teamIds: string[],
    skills: { skillId: string; level: number }[] = [],
    customerId: string | null = null,
    language = 'zh-CN',
  ) => {
    users[username] = (
      await org.createUser(admin, {
        username,
        password: demoPassword,
        role,
        displayName,
        teamIds,
        skills,
        customerId,
        language,
      })
    ).id;
  };
  await add('admin', 'admin', '系统管理员 Admin', []);
  await add('lina', 'supervisor', '李娜 Li Na', [front.id, complaints.id]);
  await add(
    'wangfang',
    'agent',
    '王芳 Wang Fang',
    [front.id],
    [
      { skillId: s.billing, level: 4 },
      { skillId: s.mandarin, level: 5 },
      { skillId: s.roaming, level: 2 },
    ],
  );
  await add(
    'zhangwei',
    'agent',
    '张伟 Zhang Wei',
    [complaints.id],
    [
      { skillId: s.complaints, level: 5 },
      { skillId: s.vip, level: 3 },
      { skillId: s.mandarin, level: 5 },
    ],
  );
  await add(
    'emma',
    'agent',
    'Emma Clarke',
    [front.id],
    [
      { skillId: s.english, level: 5 },
      { skillId: s.roaming, level: 4 },
      { skillId: s.mandarin, level: 2 },
    ],
    null,
    'en',
  );
  await add(
    'zhaogang',
    'backoffice',
    '赵刚 Zhao Gang',
    [billing.id],
    [{ skillId: s.billing, level: 5 }],
  );
  await add(
    'chenjing',
    'backoffice',
    '陈静 Chen Jing',
    [network.id],
    [{ skillId: s.network, level: 5 }],
  );
  await add('customer', 'customer', '刘洋 Liu Yang', [], [], liuYang.id);

  const cat = async (
    name: string,
    nameZh: string,
    parentId: string | null,
    caseType: string | null,
  ) => (await cfg.createCategory(admin, { name, nameZh, parentId, caseType })).id;
  const billingCat = await cat('Billing', '计费', null, null);
  const roamingCharges = await cat('Roaming charges', '漫游费用', billingCat, 'complaint');
  const packageFees = await cat('Package fees', '套餐费用', billingCat, 'query');
  const networkCat = await cat('Network', '网络', null, null);
  const noSignal = await cat('No signal', '无信号', networkCat, 'fault_report');
  const slowData = await cat('Slow data', '上网慢', networkCat, 'fault_report');
  const serviceCat = await cat('Services', '业务', null, null);
  const planChange = await cat('Plan change', '套餐变更', serviceCat, 'service_request');
  const lostSim = await cat('Lost SIM', 'SIM 卡挂失', serviceCat, 'service_request');

  const office = await cfg.createCalendar(admin, {
    name: '上海办公时间 Shanghai office hours',
    timeZone: 'Asia/Shanghai',
    weekly: Object.fromEntries(
      ['mon', 'tue', 'wed', 'thu', 'fri'].map((d) => [
        d,
        [
          { start: '09:00', end: '12:00' },
          { start: '13:30', end: '18:00' },
        ],
      ]),
    ),
    holidays: [
      '2026-10-01',
      '2026-10-02',
      '2026-10-05',
      '2026-10-06',
      '2026-10-07',
      '2027-01-01',
      '2027-02-16',
      '2027-02-17',
      '2027-02-18',
    ],
    specialDays: [
      {
        date: '2026-10-10',
        intervals: [
          { start: '09:00', end: '12:00' },
          { start: '13:30', end: '18:00' },
        ],
      },
    ],
  });
  await cfg.createSlaPolicy(admin, {
    caseType: 'service_request',
    priority: 'low',
    calendarId: office.id,
    stageMinutes: { accepted: 4 * 60, verifying: 8 * 60, dispatched: 3 * 7.5 * 60 },
    totalMinutes: 5 * 7.5 * 60,
    warnPercent: 25,
  });

  // Demo desk phones: extensions 8001–8004, password kefu-phone (register any SIP phone).
  const phones = new DeviceService(deps);
  for (const ext of ['8001', '8002', '8003', '8004'])
    await phones.upsert(admin, {
      extension: ext,
      password: demoPhonePassword,
      displayName: `Demo phone ${ext}`,
    });
  await seedRouting(
    deps,
    admin,
    { front: front.id, complaints: complaints.id, billing: billing.id, network: network.id },
    users,
  );

  const asUser = (username: string, teamIds: string[]): Actor => ({
    id: users[username] ?? '',
    username,
    role: username === 'lina' ? 'supervisor' : 'agent',
    teamIds,
    customerId: null,
    ip: null,
  });
  const wang = asUser('wangfang', [front.id]);
  const zhang = asUser('zhangwei', [complaints.id]);
  const emma = asUser('emma', [front.id]);

  type Plan = {
    by: Actor;
    type: string;
    title: string;
    category: string | null;
    path: CaseStage[];
    dispatchTo?: string;
  };
  const plans: Plan[] = [
    {
      by: wang,
      type: 'consultation',
      title: '咨询国际漫游资费 Roaming tariff question',
      category: null,
      path: ['accepted'],
    },
    {
      by: emma,
      type: 'consultation',
      title: 'How to activate roaming in Japan',
      category: null,
      path: ['replied'],
    },
    {
      by: wang,
      type: 'query',
      title: '查询上月话费明细 Last month bill items',
      category: packageFees,
      path: ['verifying'],
    },
    {
      by: wang,
      type: 'query',
      title: '流量包余量查询 Data bundle balance',
      category: packageFees,
      path: ['verifying', 'replied', 'closed'],
    },
    {
      by: zhang,
      type: 'complaint',
      title: '漫游费用异常投诉 Unexpected roaming charges',
      category: roamingCharges,
      path: ['verifying', 'dispatched'],
      dispatchTo: billing.id,
    },
    {
      by: zhang,
      type: 'complaint',
      title: '重复扣费投诉 Charged twice for a package',
      category: packageFees,
      path: ['verifying', 'dispatched', 'supervising'],
      dispatchTo: billing.id,
    },
    {
      by: zhang,
      type: 'complaint',
      title: '客服态度投诉 Rude service complaint',
      category: null,
      path: ['verifying', 'dispatched', 'supervising', 'replied'],
      dispatchTo: billing.id,
    },
    {
      by: wang,
      type: 'fault_report',
      title: '家中无信号 No signal at home (Pudong)',
      category: noSignal,
      path: ['dispatched'],
      dispatchTo: network.id,
    },
    {
      by: emma,
      type: 'fault_report',
      title: 'Very slow 4G data downtown',
      category: slowData,
      path: ['dispatched', 'supervising', 'replied', 'closed'],
      dispatchTo: network.id,
    },
    {
      by: wang,
      type: 'service_request',
      title: '套餐变更为 5G 畅享 Change plan to 5G',
      category: planChange,
      path: ['verifying', 'dispatched'],
      dispatchTo: billing.id,
    },
    {
      by: wang,
      type: 'service_request',
      title: 'SIM 卡挂失 Report a lost SIM',
      category: lostSim,
      path: ['verifying', 'dispatched', 'replied', 'closed'],
      dispatchTo: billing.id,
    },
    {
      by: emma,
      type: 'consultation',
      title: 'Question about family plan',
      category: null,
      path: ['canceled'],
    },
  ];
  let n = 0;
  for (const p of plans) {
    const customerId = n === 0 ? liuYang.id : (customerIds[(n * 7) % customerIds.length] ?? null);
    const c = await cases.create(p.by, {
      type: p.type,
      title: p.title,
      description: p.title,
      customerId,
      categoryId: p.category,
    });
    for (const stage of p.path) {
      if (stage === 'accepted') continue;
      if (stage === 'dispatched')
        await cases.dispatch(p.by, c.id, {
          teamId: p.dispatchTo ?? billing.id,
          note: '请核实处理 Please check',
        });
      else if (stage === 'replied')
        await cases.reply(p.by, c.id, {
          channel: 'sms',
          body: '您好，您的问题已处理。Your request has been handled.',
          advance: true,
        });
      else if (stage === 'closed')
        await cases.close(p.by, c.id, { satisfaction: 4 + (n % 2), note: null });
      else await cases.transition(p.by, c.id, stage, { note: null });
    }
    if (n % 3 === 1 && !['closed', 'canceled'].includes(p.path.at(-1) ?? ''))
      await cases.urge(p.by, c.id, '客户来电催办 Customer called again');
    n++;
  }
  await cases
    .addNote(zhang, (await cases.list(zhang, {}, { limit: 1, offset: 0 })).items[0]?.id ?? '', {
      body: '已联系客户，待后台核实。Called the customer back.',
      internal: true,
    })
    .catch(() => undefined);
  await seedKnowledgeBase(deps);
  return { customers: customerIds.length + 1, cases: plans.length };
}

/** Queues per skill and team, and an inbound workflow with VIP, complaint and billing paths. */
async function seedRouting(
  deps: AppDeps,
  admin: Actor,
  teams: { front: string; complaints: string; billing: string; network: string },
  users: Record<string, string>,
): Promise<void> {
  const router = new RouterService(deps);
  const cfg = new RoutingConfigService(deps, router);
  const q = async (name: string, targetExpression: string, more: Record<string, unknown> = {}) =>
    (await cfg.createQueue(admin, { name, targetExpression, ...more })).id;
  const billingQ = await q('Billing 计费', 'skills.billing >= 2', {
    teamId: teams.front,
    description: 'Bills, charges, refunds',
  });
  const complaintsQ = await q('Complaints 投诉', 'skills.complaints >= 3', {
    teamId: teams.complaints,
    wrapUpSeconds: 60,
  });
  const englishQ = await q('English 英语服务', '"en" in languages or skills.english >= 3', {
    teamId: teams.front,
  });
  const vipQ = await q('VIP 专席', 'skills.vip >= 1', {
    strategy: 'most_skilled',
    strategySkill: 'skills.vip',
    teamId: teams.complaints,
    serviceLevelSeconds: 10,
  });
  await q('Billing back office 计费后台', `"${teams.billing}" in teams`, {
    teamId: teams.billing,
    strategy: 'least_occupied',
    reservationTimeoutSeconds: 120,
    wrapUpSeconds: 0,
  });
  await q('Network back office 网络后台', `"${teams.network}" in teams`, {
    teamId: teams.network,
    strategy: 'least_occupied',
    reservationTimeoutSeconds: 120,
    wrapUpSeconds: 0,
  });
  const step = (
    queueId: string,
    timeoutSeconds: number | null,
    expression: string | null = null,
  ) => ({ queueId, expression, timeoutSeconds, priority: null });
  await cfg.createWorkflow(admin, {
    name: 'Inbound 呼入',
    isDefault: true,
    defaultQueueId: generalQueueId,
    filters: [
      {
        name: 'VIP customers',
        expression: 'customer.level in ["vip", "platinum"]',
        steps: [step(vipQ, 20), step(generalQueueId, null)],
      },
      {
        name: 'Complaints',
        expression: 'topic == "complaint"',
        steps: [step(complaintsQ, 60), step(generalQueueId, null)],
      },
      {
        name: 'Billing',
        expression: 'topic == "billing"',
        steps: [
          step(billingQ, 30, 'skills.billing >= 4'),
          step(billingQ, 60),
          step(generalQueueId, null),
        ],
      },
      {
        name: 'English speakers',
        expression: 'language == "en"',
        steps: [step(englishQ, 45), step(generalQueueId, null)],
      },
    ],
  });
  for (const [username, languages] of [
    ['emma', ['en', 'zh']],
    ['wangfang', ['zh']],
    ['zhangwei', ['zh']],
  ] as const) {
    const id = users[username];
    if (id) await cfg.setAgentSettings(admin, id, { languages: [...languages] });
  }
  await router.stop();
}
