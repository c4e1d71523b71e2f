import { Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { countSms } from './sms-count.ts';

/** "42 / 160 · 1 SMS · GSM-7": what the text costs before it is sent. */
export function SmsCounter({ text }: { text: string }) {
  const { t } = useTranslation('agent');
  const c = countSms(text);
  return (
    <Typography.Text type="secondary" style={{ fontSize: 12 }} data-testid="sms-counter">
      {t('composer.smsCount', {
        units: c.units,
        segments: c.segments,
        left: c.left,
        encoding: c.encoding === 'gsm7' ? 'GSM-7' : 'UCS-2',
      })}
    </Typography.Text>
  );
}
