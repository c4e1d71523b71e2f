import { Alert, Modal, Typography } from 'antd';
import { useTranslation } from 'react-i18next';

/** The signing secret, shown once after a create or a rotation: kefu never shows it again. */
export function WebhookSecretModal(p: { secret: string | null; onClose(): void }) {
  const { t } = useTranslation('admin');
  return (
    <Modal
      open={p.secret !== null}
      title={t('webhook.secretTitle')}
      onCancel={p.onClose}
      onOk={p.onClose}
      okText={t('webhook.done')}
      okButtonProps={{ 'data-testid': 'webhook-secret-close' } as never}
      cancelButtonProps={{ style: { display: 'none' } }}
    >
      <Alert type="warning" showIcon title={t('webhook.secretOnce')} style={{ marginBottom: 12 }} />
      <Typography.Paragraph copyable={{ text: p.secret ?? '' }}>
        <Typography.Text code data-testid="webhook-secret">
          {p.secret}
        </Typography.Text>
      </Typography.Paragraph>
      <Typography.Paragraph type="secondary">{t('webhook.secretHow')}</Typography.Paragraph>
    </Modal>
  );
}
