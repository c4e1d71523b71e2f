import { UploadOutlined } from '@ant-design/icons';
import { Alert, Button, Progress, Space, Table, Typography, Upload } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useErrorText } from '../../shared/errors.ts';
import { campaignPath, useCampaignRefresh } from './campaign-queries.ts';
import type { ImportReport } from './campaign-types.ts';
import { uploadCsv } from './csv-upload.ts';

type Rejected = ImportReport['rejected'][number];

/**
 * Imports a contact list: the picked file goes up as text/csv with a progress bar (lists can be
 * large), then the server's report: how many records were accepted and each rejected line with
 * its code and message.
 */
export function ListImport(p: { campaignId: string; disabled: boolean }) {
  const { t } = useTranslation('campaigns');
  const errorText = useErrorText();
  const refresh = useCampaignRefresh();
  const [progress, setProgress] = useState<number | null>(null);
  const [report, setReport] = useState<{ file: string; report: ImportReport } | null>(null);
  const [error, setError] = useState<string | null>(null);

  const upload = async (file: File) => {
    setReport(null);
    setError(null);
    setProgress(0);
    try {
      const r = await uploadCsv(campaignPath(p.campaignId, '/records'), file, (sent, total) =>
        setProgress(total > 0 ? Math.floor((100 * sent) / total) : 0),
      );
      setReport({ file: file.name, report: r });
      await refresh(p.campaignId);
    } catch (e) {
      setError(errorText(e));
    } finally {
      setProgress(null);
    }
  };

  return (
    <Space orientation="vertical" style={{ width: '100%' }} size={8} data-testid="list-import">
      <Space>
        <Upload
          accept=".csv,text/csv"
          showUploadList={false}
          disabled={p.disabled || progress !== null}
          beforeUpload={(file) => {
            void upload(file);
            return false;
          }}
        >
          <Button
            icon={<UploadOutlined />}
            disabled={p.disabled || progress !== null}
            data-testid="import-pick"
          >
            {t('import.pick')}
          </Button>
        </Upload>
        <Typography.Text type="secondary">{t('import.help')}</Typography.Text>
      </Space>
      {progress !== null && (
        <Progress percent={progress} status="active" size="small" data-testid="import-progress" />
      )}
      {error && <Alert type="error" showIcon title={error} data-testid="import-error" />}
      {report && (
        <Space
          orientation="vertical"
          style={{ width: '100%' }}
          size={4}
          data-testid="import-report"
        >
          <Alert
            type={report.report.rejected.length > 0 ? 'warning' : 'success'}
            showIcon
            title={t('import.result', {
              file: report.file,
              accepted: report.report.accepted,
              rejected: report.report.rejected.length,
            })}
            data-testid="import-summary"
          />
          {report.report.rejected.length > 0 && (
            <Table<Rejected>
              size="small"
              rowKey={(r) => `${r.line}-${r.code}`}
              dataSource={report.report.rejected}
              pagination={{ pageSize: 5, showSizeChanger: false, hideOnSinglePage: true }}
              data-testid="import-rejected"
              columns={[
                { title: t('import.line'), dataIndex: 'line', width: 70 },
                {
                  title: t('import.code'),
                  dataIndex: 'code',
                  width: 160,
                  render: (c: string) => t(`issue.${c}`, { defaultValue: c }),
                },
                { title: t('import.message'), dataIndex: 'message' },
              ]}
            />
          )}
        </Space>
      )}
    </Space>
  );
}
