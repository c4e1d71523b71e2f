/**
 * A knowledge base of a mobile operator for search tests and the benchmark: over 200 articles
 * in Chinese and English, generated from templates so that many are near neighbours (ten
 * roaming destinations, seven 5G plans, ten provinces' broadband …) — finding the right one
 * among its siblings is what the ranking tests check. Some articles are internal (agents'
 * scripts), one tariff has expired, one starts in the future.
 */
import type { Actor } from '../../src/app/app-context.ts';
import type { KbArticleService } from '../../src/app/kb/kb-article-service.ts';
import type { KbCategories } from '../../src/app/kb/kb-categories.ts';
import type { Audience, KbLang } from '../../src/domain/kb/article.ts';

export interface CorpusArticle {
  readonly slug: string;
  readonly lang: KbLang;
  readonly title: string;
  readonly body: string;
  readonly tags: string[];
  readonly audience: Audience;
  /** Category path (English names). */
  readonly category: string;
  readonly validFrom?: Date;
  readonly validUntil?: Date;
  /** Slug of the article this one translates. */
  readonly translationOf?: string;
}

const categories: [string, string, string | null][] = [
  ['Roaming', '国际漫游', null],
  ['Plans', '套餐资费', null],
  ['Data', '流量', 'Plans'],
  ['Broadband', '宽带', null],
  ['Account', '账户业务', null],
  ['Phone settings', '手机设置', null],
  ['Agent scripts', '坐席话术', null],
];

const countries: [string, string, string, number, number][] = [
  ['japan', '日本', 'Japan', 28, 0.99],
  ['korea', '韩国', 'South Korea', 28, 0.99],
  ['usa', '美国', 'the United States', 38, 1.99],
  ['thailand', '泰国', 'Thailand', 25, 0.99],
  ['uk', '英国', 'the United Kingdom', 38, 1.99],
  ['france', '法国', 'France', 38, 1.99],
  ['germany', '德国', 'Germany', 38, 1.99],
  ['singapore', '新加坡', 'Singapore', 25, 0.99],
  ['australia', '澳大利亚', 'Australia', 38, 2.99],
  ['canada', '加拿大', 'Canada', 38, 1.99],
];

const provinces: [string, string, string][] = [
  ['beijing', '北京', 'Beijing'],
  ['shanghai', '上海', 'Shanghai'],
  ['guangdong', '广东', 'Guangdong'],
  ['jiangsu', '江苏', 'Jiangsu'],
  ['zhejiang', '浙江', 'Zhejiang'],
  ['sichuan', '四川', 'Sichuan'],
  ['hubei', '湖北', 'Hubei'],
  ['shandong', '山东', 'Shandong'],
  ['henan', '河南', 'Henan'],
  ['fujian', '福建', 'Fujian'],
];

/** How-to topics: slug, zh title, zh body, en title, en body, tags, category. */
const topics: [string, string, string, string, string, string[], string][] = [
  [
    'replace-sim',
    '补办SIM卡',
    '手机卡丢失或损坏时，请携带本人身份证到营业厅办理补卡，新卡即时生效，原卡作废。补卡费用10元。',
    'Replace a lost SIM card',
    'If your SIM card is lost or damaged, bring your ID to a store to get a replacement. The new card works at once and the old one is cancelled. The fee is 10 yuan.',
    ['补卡', 'sim'],
    'Account',
  ],
  [
    'number-portability',
    '携号转网办理指南',
    '携号转网是指保持手机号码不变，更换运营商。办理条件：实名登记、无欠费、在网满120天。发送短信CXXZ到10086查询是否符合条件，然后到营业厅办理。',
    'Keep your number when switching operators',
    'Number portability lets you keep your phone number when you move to another operator. You must be registered under your real name, owe nothing and have been with us for 120 days. Text CXXZ to 10086 to check, then visit a store.',
    ['携号转网', 'portability'],
    'Account',
  ],
  [
    'suspend-number',
    '停机保号业务',
    '出国或长期不用手机时，可以办理停机保号，每月5元保留号码，最长可保留12个月。',
    'Suspend your number while away',
    'Going abroad or not using your phone for a while? Suspend the line and keep the number for 5 yuan a month, for up to 12 months.',
    ['停机保号', 'suspend'],
    'Account',
  ],
  [
    'invoice',
    '如何开具电子发票',
    '登录网上营业厅或APP，在“费用-发票”中选择月份即可开具电子发票，发票将发送到您的邮箱。',
    'How to get an electronic invoice',
    'Sign in to the online store or the app, open Billing › Invoices, pick the month and the electronic invoice is e-mailed to you.',
    ['发票', 'invoice'],
    'Account',
  ],
  [
    'top-up',
    '话费充值方式',
    '您可以通过APP、微信、支付宝或营业厅充值话费，充值即时到账。',
    'Ways to top up your balance',
    'Top up through the app, WeChat Pay, Alipay or any store; the credit arrives immediately.',
    ['充值', 'top-up'],
    'Account',
  ],
  [
    'broadband-fault',
    '宽带故障自助排查',
    '宽带无法上网时，请先重启光猫和路由器，检查光猫LOS灯是否红色闪烁；如仍无法解决，请拨打10086报障。',
    'Troubleshooting your broadband',
    'If the internet is down, restart the optical modem and the router first and check whether the LOS light blinks red. If that does not help, call 10086 to report a fault.',
    ['宽带', '故障', 'broadband'],
    'Broadband',
  ],
  [
    'reset-password',
    '服务密码重置',
    '服务密码遗忘时，可发送短信MMCZ到10086，或携带身份证到营业厅重置。',
    'Reset your service password',
    'Forgot your service password? Text MMCZ to 10086 or bring your ID to a store to reset it.',
    ['密码', 'password'],
    'Account',
  ],
  [
    'real-name',
    '实名认证说明',
    '根据国家规定，所有手机号码必须实名登记。您可以在APP中上传身份证完成实名认证。',
    'Real-name registration',
    'By law every phone number must be registered to its user. Upload your ID in the app to complete the registration.',
    ['实名', 'registration'],
    'Account',
  ],
  [
    'digital-sim',
    '开通电子SIM卡（一号双终端）',
    '电子SIM卡可用于智能手表，与手机共用一个号码。在APP中扫描手表上的二维码即可开通，月功能费10元。',
    'Activate a digital SIM for your watch',
    'A digital SIM lets your smartwatch share your phone number. Scan the code shown on the watch in the app to activate it; the monthly fee is 10 yuan.',
    ['eSIM', '一号双终端'],
    'Phone settings',
  ],
  [
    'intl-calls',
    '国际长途拨打方法',
    '拨打国际长途请按“00+国家代码+区号+电话号码”拨号，资费按国家和地区计算。',
    'Calling abroad',
    'To call abroad dial 00, the country code, the area code and the number. Rates depend on the country.',
    ['长途', 'international call'],
    'Plans',
  ],
  [
    'call-forwarding',
    '呼叫转移设置',
    '在手机拨号盘输入**21*转移号码#即可设置无条件呼叫转移，输入##21#取消。',
    'Set up call forwarding',
    'Dial **21*number# to forward all calls and ##21# to cancel.',
    ['呼叫转移', 'forwarding'],
    'Phone settings',
  ],
  [
    'voicemail',
    '语音信箱使用说明',
    '开通语音信箱后，未接来电可以留言，拨打12599收听留言。',
    'Using your voicemail',
    'With voicemail, callers can leave a message when you do not answer; call 12599 to listen.',
    ['语音信箱', 'voicemail'],
    'Phone settings',
  ],
  [
    'points',
    '积分兑换规则',
    '每消费1元累积1积分，积分可在APP兑换话费、流量或礼品，积分有效期为两年。',
    'Redeeming loyalty points',
    'Every yuan you spend earns one point. Redeem points for credit, data or gifts in the app; points expire after two years.',
    ['积分', 'points'],
    'Account',
  ],
  [
    'family-share',
    '家庭共享流量',
    '主卡可添加最多4张副卡，共享套餐内的通用流量和通话分钟数。',
    'Share data with your family',
    'Add up to four secondary cards to your plan to share its data and minutes.',
    ['家庭', 'family'],
    'Plans',
  ],
  [
    'close-account',
    '销户办理流程',
    '销户需本人持身份证到营业厅办理，销户前请结清欠费并取消所有增值业务。',
    'Closing your account',
    'To close an account, bring your ID to a store. Settle any balance and cancel add-on services first.',
    ['销户', 'close account'],
    'Account',
  ],
  [
    'change-plan',
    '套餐变更规则',
    '套餐变更次月生效，每月可申请一次，可通过APP或拨打10086办理。',
    'Changing your plan',
    'A plan change takes effect next month; you may ask once a month in the app or by calling 10086.',
    ['套餐变更', 'change plan'],
    'Plans',
  ],
  [
    'bill-query',
    '话费账单查询',
    '发送短信CXZD到10086，或在APP“我的账单”中查询近六个月的账单明细。',
    'Checking your bill',
    'Text CXZD to 10086 or open My bills in the app to see the last six months in detail.',
    ['账单', 'bill'],
    'Account',
  ],
  [
    'overdue',
    '欠费停机与复机',
    '账户余额不足时将欠费停机，缴清欠费后两小时内自动复机。',
    'Suspension for unpaid bills',
    'A line with a negative balance is suspended and comes back within two hours of paying.',
    ['欠费', 'overdue'],
    'Account',
  ],
  [
    'poor-signal',
    '手机信号差怎么办',
    '信号差时请尝试开关飞行模式、更换位置，并在APP中提交信号问题反馈，我们会安排网络优化。',
    'Poor mobile signal',
    'Toggle airplane mode, move to another spot and report the problem in the app so engineers can improve coverage.',
    ['信号', 'signal', 'coverage'],
    'Phone settings',
  ],
  [
    'spam-calls',
    '骚扰电话拦截服务',
    '开通骚扰电话拦截后，系统自动识别并拦截广告推销和诈骗电话，免费开通。',
    'Blocking spam calls',
    'Switch on spam call blocking and the network stops telemarketing and fraud calls for you, free of charge.',
    ['骚扰电话', 'spam'],
    'Phone settings',
  ],
  [
    'ringback',
    '彩铃设置',
    '在APP“彩铃”频道挑选喜欢的歌曲设置为彩铃，每月5元。',
    'Choosing a ringback tone',
    'Pick a song in the app’s Ringback section to play to your callers; 5 yuan a month.',
    ['彩铃', 'ringback'],
    'Phone settings',
  ],
  [
    'roaming-switch',
    '国际漫游功能开通与关闭',
    '出境前请发送KTMY到10086开通国际漫游，回国后发送QXMY关闭，避免产生额外费用。',
    'Turning international roaming on and off',
    'Before you travel text KTMY to 10086 to turn roaming on, and QXMY after you return to avoid charges.',
    ['漫游', 'roaming'],
    'Roaming',
  ],
  [
    '5g-coverage',
    '5G网络覆盖查询',
    '在APP“网络覆盖”中输入地址，即可查询该地区5G信号覆盖情况。',
    'Checking 5G coverage',
    'Enter an address under Network coverage in the app to see the 5G coverage there.',
    ['5G', 'coverage'],
    'Phone settings',
  ],
  [
    'sms-center',
    '短信中心号码设置',
    '短信发送失败时，请检查短信中心号码是否为+8613800100500。',
    'Setting the SMS centre number',
    'If texts fail to send, check that the SMS centre number is +8613800100500.',
    ['短信', 'sms'],
    'Phone settings',
  ],
  [
    'transfer-owner',
    '号码过户办理',
    '过户需原机主和新机主携带身份证共同到营业厅办理。',
    'Transferring a number to someone else',
    'Both the current and the new owner bring their IDs to a store together.',
    ['过户', 'transfer'],
    'Account',
  ],
];

const brands: [string, string, string][] = [
  ['iphone', 'iPhone', '设置 › 蜂窝网络 › 蜂窝数据网络'],
  ['huawei', '华为', '设置 › 移动网络 › 移动数据 › 接入点名称'],
  ['xiaomi', '小米', '设置 › 双卡和移动网络 › 接入点名称'],
  ['oppo', 'OPPO', '设置 › 移动网络 › SIM卡信息与设置 › 接入点'],
  ['vivo', 'vivo', '设置 › 移动网络 › 接入点'],
  ['honor', '荣耀', '设置 › 移动网络 › 接入点名称'],
  ['samsung', '三星', '设置 › 连接 › 移动网络 › 接入点名称'],
];

export function kbCorpus(now: Date): CorpusArticle[] {
  const out: CorpusArticle[] = [];
  const year = 365 * 86_400_000;
  for (const [slug, zh, en, day, mb] of countries) {
    out.push({
      slug: `roaming-${slug}-zh`,
      lang: 'zh-CN',
      title: `${zh}国际漫游资费与开通`,
      body: `# ${zh}漫游\n\n前往${zh}前请先开通国际漫游功能。\n\n| 项目 | 资费 |\n|---|---|\n| 日套餐（不限流量） | ${day}元/天 |\n| 拨打${zh}本地 | ${mb}元/分钟 |\n| 接听 | ${mb}元/分钟 |\n\n发送 **KTMY** 到10086开通。在${zh}使用流量前，建议订购${zh}日套餐。`,
      tags: ['漫游', zh],
      audience: 'public',
      category: 'Roaming',
    });
    out.push({
      slug: `roaming-${slug}-en`,
      lang: 'en',
      title: `Roaming in ${en}: rates and activation`,
      body: `# Roaming in ${en}\n\nTurn on international roaming before you travel to ${en}.\n\n| Item | Rate |\n|---|---|\n| Day pass (unlimited data) | ${day} yuan a day |\n| Local calls | ${mb} yuan a minute |\n| Incoming calls | ${mb} yuan a minute |\n\nText **KTMY** to 10086 to activate roaming. Buy the ${en} day pass before using data there.`,
      tags: ['roaming', slug],
      audience: 'public',
      category: 'Roaming',
      translationOf: `roaming-${slug}-zh`,
    });
  }
  for (const price of [59, 79, 99, 129, 169, 199, 239]) {
    const gb = Math.round(price / 3.3);
    const min = price * 5;
    out.push({
      slug: `plan-5g-${price}-zh`,
      lang: 'zh-CN',
      title: `5G畅享套餐${price}元档`,
      body: `5G畅享套餐${price}元/月，包含国内通用流量${gb}GB、国内通话${min}分钟。\n\n- 超出流量按3元/GB计费\n- 可添加家庭副卡\n\n通过APP或营业厅办理，次月生效。`,
      tags: ['5G', '套餐'],
      audience: 'public',
      category: 'Plans',
      validFrom: new Date(now.getTime() - year),
    });
    out.push({
      slug: `plan-5g-${price}-en`,
      lang: 'en',
      title: `5G Unlimited plan ${price}`,
      body: `The 5G Unlimited ${price} plan costs ${price} yuan a month with ${gb} GB of data and ${min} minutes of domestic calls.\n\n- Extra data: 3 yuan per GB\n- Family cards can be added\n\nChange plans in the app or at a store; it takes effect next month.`,
      tags: ['5G', 'plan', 'tariff'],
      audience: 'public',
      category: 'Plans',
      translationOf: `plan-5g-${price}-zh`,
    });
  }
  for (const price of [8, 18, 28, 38, 58, 88, 128]) {
    out.push({
      slug: `plan-4g-${price}-zh`,
      lang: 'zh-CN',
      title: `4G飞享套餐${price}元（已停售，老用户可续用）`,
      body: `4G飞享套餐${price}元/月，含国内流量${Math.max(1, Math.round(price / 10))}GB。该套餐已停止新办理，在用客户可继续使用，也可随时变更为5G套餐。`,
      tags: ['4G', '套餐', '停售'],
      audience: 'public',
      category: 'Plans',
    });
    out.push({
      slug: `plan-4g-${price}-en`,
      lang: 'en',
      title: `4G Flex plan ${price} (closed to new customers)`,
      body: `The 4G Flex ${price} plan is no longer sold. Customers on it may keep it or move to a 5G plan at any time.`,
      tags: ['4G', 'plan', 'legacy'],
      audience: 'public',
      category: 'Plans',
      translationOf: `plan-4g-${price}-zh`,
    });
  }
  for (const gb of [1, 3, 5, 10, 20, 30]) {
    out.push({
      slug: `data-pack-${gb}gb-zh`,
      lang: 'zh-CN',
      title: `${gb}GB流量加油包`,
      body: `${gb}GB国内流量加油包，价格${gb * 5}元，当月有效。发送 LL${gb} 到10086订购。`,
      tags: ['流量包'],
      audience: 'public',
      category: 'Data',
    });
    out.push({
      slug: `data-pack-${gb}gb-en`,
      lang: 'en',
      title: `${gb} GB data add-on`,
      body: `A ${gb} GB domestic data add-on for ${gb * 5} yuan, valid until the end of the month. Text LL${gb} to 10086 to buy it.`,
      tags: ['data', 'add-on'],
      audience: 'public',
      category: 'Data',
      translationOf: `data-pack-${gb}gb-zh`,
    });
  }
  for (const [slug, zh, en] of provinces) {
    out.push({
      slug: `broadband-install-${slug}-zh`,
      lang: 'zh-CN',
      title: `${zh}宽带报装指南`,
      body: `在${zh}办理宽带新装：登录APP选择“宽带报装”，填写安装地址，工程师将在48小时内上门安装。${zh}地区千兆宽带月费100元起。`,
      tags: ['宽带', '报装', zh],
      audience: 'public',
      category: 'Broadband',
    });
    out.push({
      slug: `broadband-install-${slug}-en`,
      lang: 'en',
      title: `Broadband installation in ${en}`,
      body: `To get broadband installed in ${en}, choose Broadband installation in the app and enter your address; an engineer visits within 48 hours. Gigabit broadband in ${en} starts at 100 yuan a month.`,
      tags: ['broadband', 'installation', slug],
      audience: 'public',
      category: 'Broadband',
      translationOf: `broadband-install-${slug}-zh`,
    });
    out.push({
      slug: `broadband-repair-${slug}-zh`,
      lang: 'zh-CN',
      title: `${zh}宽带维修服务时间`,
      body: `${zh}地区宽带故障报修后，城区24小时内、郊区48小时内上门维修。`,
      tags: ['宽带', '维修'],
      audience: 'public',
      category: 'Broadband',
    });
    out.push({
      slug: `broadband-repair-${slug}-en`,
      lang: 'en',
      title: `Broadband repair times in ${en}`,
      body: `After you report a broadband fault in ${en}, an engineer visits within 24 hours in the city and 48 hours in rural areas.`,
      tags: ['broadband', 'repair'],
      audience: 'public',
      category: 'Broadband',
      translationOf: `broadband-repair-${slug}-zh`,
    });
    out.push({
      slug: `store-hours-${slug}`,
      lang: 'zh-CN',
      title: `${zh}营业厅营业时间`,
      body: `${zh}各营业厅营业时间为每日9:00至18:00，节假日照常营业。办理业务请携带本人有效身份证件。`,
      tags: ['营业厅'],
      audience: 'public',
      category: 'Account',
    });
  }
  for (const [slug, zhTitle, zhBody, enTitle, enBody, tags, category] of topics) {
    out.push({
      slug: `${slug}-zh`,
      lang: 'zh-CN',
      title: zhTitle,
      body: zhBody,
      tags,
      audience: 'public',
      category,
    });
    out.push({
      slug: `${slug}-en`,
      lang: 'en',
      title: enTitle,
      body: enBody,
      tags,
      audience: 'public',
      category,
      translationOf: `${slug}-zh`,
    });
    out.push({
      slug: `${slug}-script`,
      lang: 'zh-CN',
      title: `坐席话术：${zhTitle}`,
      body: `【内部】客户咨询“${zhTitle}”时：先核实身份（服务密码或身份证后四位），再按以下说明答复。\n\n${zhBody}\n\n如客户不满意，可升级至班长处理。`,
      tags: ['话术', ...tags],
      audience: 'internal',
      category: 'Agent scripts',
    });
  }
  for (const [slug, zh, path] of brands) {
    out.push({
      slug: `apn-${slug}-zh`,
      lang: 'zh-CN',
      title: `${zh}手机上网设置（APN）`,
      body: `${zh}手机无法上网时，请进入 ${path}，将APN设置为 cmnet。`,
      tags: ['APN', '上网设置'],
      audience: 'public',
      category: 'Phone settings',
    });
    out.push({
      slug: `apn-${slug}-en`,
      lang: 'en',
      title: `Mobile data settings (APN) for ${slug === 'iphone' ? 'iPhone' : slug[0]?.toUpperCase() + slug.slice(1)}`,
      body: `If mobile data does not work, open the access point settings and set the APN to cmnet.`,
      tags: ['APN', 'mobile data'],
      audience: 'public',
      category: 'Phone settings',
      translationOf: `apn-${slug}-zh`,
    });
  }
  // Internal-only: a retention offer customers must never see.
  out.push({
    slug: 'retention-offer',
    lang: 'en',
    title: 'Retention offer for customers porting out',
    body: 'Internal: when a customer asks about number portability, offer the loyalty discount of 30 percent for 12 months before processing the port-out.',
    tags: ['retention', 'portability'],
    audience: 'internal',
    category: 'Agent scripts',
  });
  // An expired tariff and one not yet valid: neither may be found.
  out.push({
    slug: 'summer-promo-expired',
    lang: 'en',
    title: 'Summer holiday roaming promotion',
    body: 'Half-price roaming day passes for summer holidays.',
    tags: ['promotion', 'roaming'],
    audience: 'public',
    category: 'Roaming',
    validFrom: new Date(now.getTime() - year),
    validUntil: new Date(now.getTime() - 86_400_000),
  });
  out.push({
    slug: 'spring-festival-future',
    lang: 'zh-CN',
    title: '春节漫游优惠活动',
    body: '春节期间国际漫游日套餐半价。',
    tags: ['优惠', '漫游'],
    audience: 'public',
    category: 'Roaming',
    validFrom: new Date(now.getTime() + 30 * 86_400_000),
  });
  return out;
}

/** Known queries and the article that must come up in the top 3 (with what makes each hard). */
export const corpusQueries: { q: string; expect: string; lang?: KbLang; why: string }[] = [
  { q: '日本漫游', expect: 'roaming-japan-zh', why: 'Chinese, no spaces, nine sibling countries' },
  { q: '去泰国旅游流量怎么收费', expect: 'roaming-thailand-zh', why: 'a Chinese sentence' },
  { q: '澳大利亚漫游资费', expect: 'roaming-australia-zh', why: 'four-character place name' },
  { q: '携号转网', expect: 'number-portability-zh', why: 'Chinese term' },
  { q: '停机保号', expect: 'suspend-number-zh', why: 'Chinese term' },
  { q: '5G畅享套餐99元', expect: 'plan-5g-99-zh', why: 'mixed digits, latin and Chinese' },
  { q: '上海宽带报装', expect: 'broadband-install-shanghai-zh', why: 'Chinese, province sibling' },
  { q: '华为手机上网设置', expect: 'apn-huawei-zh', why: 'brand among seven' },
  { q: 'roaming japan', expect: 'roaming-japan-en', why: 'English' },
  { q: 'romaing in japna', expect: 'roaming-japan-en', why: 'two typos (transpositions)' },
  { q: 'internatinal roming thailand', expect: 'roaming-thailand-en', why: 'typos' },
  { q: 'broadbnd instalation shanghai', expect: 'broadband-install-shanghai-en', why: 'typos' },
  { q: 'voicemial', expect: 'voicemail-en', why: 'one typo', lang: 'en' },
  { q: 'esim', expect: 'digital-sim-en', why: 'matches only a tag', lang: 'en' },
  { q: 'eSIM', expect: 'digital-sim-zh', why: 'tag only, Chinese article', lang: 'zh-CN' },
  { q: 'unlimited plan 129', expect: 'plan-5g-129-en', why: 'number picks the sibling' },
  { q: '20 GB data add-on', expect: 'data-pack-20gb-en', why: 'number picks the sibling' },
  { q: 'forgot service password', expect: 'reset-password-en', why: 'English words' },
];

const manager: Actor = {
  id: 'kb-author',
  username: 'kb-author',
  role: 'supervisor',
  teamIds: [],
  customerId: null,
  ip: null,
};
const reviewer: Actor = { ...manager, id: 'kb-reviewer', username: 'kb-reviewer' };

/** Creates the categories and publishes every article (author submits, reviewer publishes). */
export async function loadCorpus(
  kb: { articles: KbArticleService; categories: KbCategories },
  now: Date,
): Promise<Map<string, string>> {
  const cat = new Map<string, string>();
  for (const [name, nameZh, parent] of categories) {
    const c = await kb.categories.create(manager, {
      name,
      nameZh,
      parentId: parent ? (cat.get(parent) ?? null) : null,
    });
    cat.set(name, c.id);
  }
  const ids = new Map<string, string>();
  for (const a of kbCorpus(now)) {
    const created = await kb.articles.create(manager, {
      slug: a.slug,
      lang: a.lang,
      title: a.title,
      body: a.body,
      tags: a.tags,
      audience: a.audience,
      categoryId: cat.get(a.category) ?? null,
      validFrom: a.validFrom ?? null,
      validUntil: a.validUntil ?? null,
      translationOf: a.translationOf ? (ids.get(a.translationOf) ?? null) : null,
    });
    const submitted = await kb.articles.move(manager, created.id, created.rev, 'submit', null);
    await kb.articles.move(reviewer, created.id, submitted.rev, 'publish', null);
    ids.set(a.slug, created.id);
  }
  return ids;
}
