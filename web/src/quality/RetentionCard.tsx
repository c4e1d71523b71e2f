/**
 * Administrators set how many days recordings are kept (empty: for ever) and can run the
 * deletion now; the center also runs it hourly.
 */
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, Card, InputNumber, Space, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { get, post, put } from '../api/client.ts';
import { useReportError } from '../shared/errors.ts';

interface Policy {
  days: number | null;
}

export function RetentionCard() {
  const { t } = useTranslation('recordings');
  const { message } = App.useApp();
  const reportError = useReportError();
  const client = useQueryClient();
  const policy = useQuery({
    queryKey: ['rec-retention'],
    queryFn: () => get<Policy>('/api/recordings/retention'),
  });
  const [days, setDays] = useState<number | null | undefined>(undefined);
  const shown = days === undefined ? (policy.data?.days ?? null) : days;
  const save = async () => {
    try {
      await put('/api/recordings/retention', { days: shown });
      await client.invalidateQueries({ queryKey: ['rec-retention'] });
      setDays(undefined);
      void message.success(t('retention.saved'));
    } catch (e) {
      reportError(e);
    }
  };
  const run = async () => {
    try {
      const r = await post<{ deleted: number }>('/api/recordings/retention/run');
      await client.invalidateQueries({ queryKey: ['recordings'] });
      void message.success(t('retention.ran', { count: r.deleted }));
    } catch (e) {
      reportError(e);
    }
  };
  return (
    <Card size="small" title={t('retention.title')} data-testid="rec-retention">
      <Space wrap>
        {/* Whole days 1–36500 as the API takes them; empty keeps recordings for ever. */}
        <InputNumber
          min={1}
          max={36_500}
          precision={0}
          value={shown}
          onChange={(v) => setDays(v)}
          placeholder={t('retention.forever')}
          suffix={t('retention.days')}
          style={{ width: 160 }}
          data-testid="rec-retention-days"
        />
        <Button onClick={() => void save()} data-testid="rec-retention-save">
          {t('retention.save')}
        </Button>
        <Button danger onClick={() => void run()} data-testid="rec-retention-run">
          {t('retention.run')}
        </Button>
        <Typography.Text type="secondary">{t('retention.note')}</Typography.Text>
      </Space>
    </Card>
  );
}
