import { MessageOutlined } from '@ant-design/icons';
import { Button, Dropdown } from 'antd';
import { useTranslation } from 'react-i18next';

/** The built-in canned responses, in the desktop's language (texts `canned.<key>`). */
const cannedKeys = ['greeting', 'checking', 'wait', 'resolved', 'caseOpened', 'goodbye'];

export function CannedPicker({ onPick }: { onPick: (text: string) => void }) {
  const { t } = useTranslation('agent');
  return (
    <Dropdown
      trigger={['click']}
      menu={{
        items: cannedKeys.map((k) => ({
          key: k,
          label: t(`canned.${k}`),
          'data-testid': `canned-${k}`,
        })),
        onClick: (e) => onPick(t(`canned.${e.key}`)),
        style: { maxWidth: 420 },
      }}
    >
      <Button size="small" icon={<MessageOutlined />} data-testid="canned">
        {t('composer.canned')}
      </Button>
    </Dropdown>
  );
}
