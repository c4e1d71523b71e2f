import { QuestionCircleOutlined } from '@ant-design/icons';
import { Button, Popover, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { Shortcut } from './shortcuts.ts';

/** Lists the keyboard shortcuts (the same data the key handler uses). */
export function ShortcutHelp({ shortcuts }: { shortcuts: readonly Shortcut[] }) {
  const { t } = useTranslation('agent');
  const content = (
    <table data-testid="shortcut-list" style={{ borderSpacing: '12px 4px' }}>
      <tbody>
        {shortcuts.map((s) => (
          <tr key={s.key}>
            <td>
              <Typography.Text keyboard>Alt</Typography.Text>+
              <Typography.Text keyboard>{s.key.toUpperCase()}</Typography.Text>
            </td>
            <td>{t(s.label)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
  return (
    <Popover content={content} title={t('shortcuts.title')} trigger="click" placement="bottomRight">
      <Button
        size="small"
        icon={<QuestionCircleOutlined />}
        aria-label={t('shortcuts.title')}
        data-testid="shortcut-help"
      />
    </Popover>
  );
}
