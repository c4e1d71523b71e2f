import { DownloadOutlined } from '@ant-design/icons';
import { App, Button, Select, Space, Table, Tag, Typography } from 'antd';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useReportError } from '../../shared/errors.ts';
import { get } from '../http.ts';
import type { Page } from '../../api/types.ts';
import { useStaff } from '../queries.ts';
import { recordsPath, useCampaignRecords } from './campaign-queries.ts';
import { recordStateColor } from './campaign-moves.ts';
import { recordStates, type CampaignRecord, type RecordState } from './campaign-types.ts';
import { recordsCsv } from './records-csv.ts';

const pageSize = 10;
const time = (s: string) => new Date(s).toLocaleString();

/**
 * A campaign's records in list order, optionally in one state, each with its attempts (time,
 * result, agent); the records of the filter can be exported as CSV.
 */
export function CampaignRecords(p: {
  campaignId: string;
  campaignName: string;
  state: RecordState | undefined;
  onState(s: RecordState | undefined): void;
  live: boolean;
}) {
  const { t } = useTranslation('campaigns');
  const { message } = App.useApp();
  const reportError = useReportError();
  const [page, setPage] = useState(1);
  const [exporting, setExporting] = useState(false);
  const records = useCampaignRecords(p.campaignId, p.state, page, pageSize, p.live);
  const staff = useStaff();
  const names = useMemo(
    () => new Map((staff.data ?? []).map((u) => [u.id, u.displayName])),
    [staff.data],
  );
  const agentName = (id: string) => names.get(id) ?? id;

  const exportCsv = async () => {
    setExporting(true);
    try {
      const all: CampaignRecord[] = [];
      for (let offset = 0; ; offset += 500) {
        const r = await get<Page<CampaignRecord>>(recordsPath(p.campaignId, p.state, 500, offset));
        all.push(...r.items);
        if (r.items.length === 0 || all.length >= r.total) break;
      }
      const url = URL.createObjectURL(
        new Blob([recordsCsv(all, agentName)], { type: 'text/csv;charset=utf-8' }),
      );
      const a = document.createElement('a');
      a.href = url;
      a.download = `${p.campaignName}${p.state ? `-${p.state}` : ''}.csv`;
      a.click();
      setTimeout(() => URL.revokeObjectURL(url), 10_000);
      void message.success(t('records.exported', { count: all.length }));
    } catch (e) {
      reportError(e);
    } finally {
      setExporting(false);
    }
  };

  return (
    <Space orientation="vertical" style={{ width: '100%' }} size={8}>
      <Space>
        <Select
          allowClear
          showSearch={{ optionFilterProp: 'label' }}
          placeholder={t('records.allStates')}
          style={{ width: 180 }}
          value={p.state}
          onChange={(v?: RecordState) => {
            p.onState(v);
            setPage(1);
          }}
          options={recordStates.map((s) => ({ value: s, label: t(`record.${s}`) }))}
          data-testid="records-state-filter"
        />
        <Typography.Text type="secondary" data-testid="records-total">
          {t('records.total', { count: records.data?.total ?? 0 })}
        </Typography.Text>
        <Button
          size="small"
          icon={<DownloadOutlined />}
          loading={exporting}
          disabled={!records.data?.total}
          onClick={() => void exportCsv()}
          data-testid="records-export"
        >
          {t('records.export')}
        </Button>
      </Space>
      <Table<CampaignRecord>
        size="small"
        rowKey="id"
        loading={records.isLoading}
        dataSource={records.data?.items}
        data-testid="campaign-records"
        pagination={{
          current: page,
          pageSize,
          total: records.data?.total ?? 0,
          onChange: setPage,
          showSizeChanger: false,
        }}
        columns={[
          { title: '#', dataIndex: 'position', width: 56, render: (n: number) => n + 1 },
          {
            title: t('records.number'),
            dataIndex: 'number',
            width: 150,
            render: (n: string) => `+${n}`,
          },
          { title: t('records.name'), dataIndex: 'name', width: 120 },
          {
            title: t('records.state'),
            dataIndex: 'state',
            width: 100,
            render: (s: RecordState) => (
              <Tag color={recordStateColor[s]} data-testid={`record-state-${s}`}>
                {t(`record.${s}`)}
              </Tag>
            ),
          },
          {
            title: t('records.attempts'),
            key: 'attempts',
            render: (_: unknown, r) =>
              r.attempts.length === 0 ? (
                <Typography.Text type="secondary">{t('records.noAttempts')}</Typography.Text>
              ) : (
                <Space orientation="vertical" size={0}>
                  {r.attempts.map((a, i) => (
                    <span key={i}>
                      {time(a.at)} · {t(`result.${a.result}`)}
                      {a.agentId ? ` · ${agentName(a.agentId)}` : ''}
                    </span>
                  ))}
                </Space>
              ),
          },
          {
            title: t('records.nextAt'),
            dataIndex: 'nextAt',
            width: 170,
            render: (v: string | null) => (v ? time(v) : '—'),
          },
        ]}
      />
    </Space>
  );
}
