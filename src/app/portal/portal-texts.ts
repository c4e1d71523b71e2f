/** What the sign-in SMS and e-mail say, in the customer's language (Chinese unless English). */

const isZh = (language: string | null | undefined) => !language || language.startsWith('zh');

export function codeSms(code: string, minutes: number, language: string | null): string {
  return isZh(language)
    ? `您的客服门户登录验证码为 ${code}，${minutes} 分钟内有效。请勿告诉他人。`
    : `Your customer portal sign-in code is ${code}. It expires in ${minutes} minutes. Do not share it.`;
}

export function linkMail(
  link: string,
  minutes: number,
  language: string | null,
): { subject: string; body: string } {
  return isZh(language)
    ? {
        subject: '登录客服门户',
        body: [
          '您好，',
          '',
          `请在 ${minutes} 分钟内打开以下链接登录客服门户（链接只能使用一次）：`,
          link,
          '',
          '如果不是您本人操作，请忽略本邮件。',
        ].join('\n'),
      }
    : {
        subject: 'Sign in to the customer portal',
        body: [
          'Hello,',
          '',
          `Open this link within ${minutes} minutes to sign in to the customer portal (it works once):`,
          link,
          '',
          'If you did not ask for it, ignore this e-mail.',
        ].join('\n'),
      };
}
