import { Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import { CrudSection } from '../admin/CrudSection.tsx';
import { useNodes } from './queries.ts';
import './texts.ts';
import { healthColor, type KefuNode } from './types.ts';

/** The kefu processes that registered themselves, with roles and their last health sample. */
export function NodesSection() {
  const { t } = useTranslation('resources');
  const nodes = useNodes();
  return (
    <CrudSection<KefuNode>
      testId="nodes"
      title={t('menu.nodes')}
      rows={nodes.data}
      loading={nodes.isLoading}
      rowKey={(x) => x.id}
      columns={[
        { title: t('node.name'), dataIndex: 'name', width: 160 },
        {
          title: t('node.roles'),
          dataIndex: 'roles',
          render: (r: string[]) => r.map((x) => <Tag key={x}>{x}</Tag>),
        },
        { title: t('node.address'), dataIndex: 'address', width: 150 },
        { title: t('node.version'), dataIndex: 'version', width: 80 },
        {
          title: t('node.state'),
          key: 'state',
          width: 90,
          render: (_: unknown, n) => {
            const s = String(n.health['state'] ?? 'ok');
            return <Tag color={healthColor[s]}>{t(`state.${s}`)}</Tag>;
          },
        },
        {
          title: t('node.lag'),
          key: 'lag',
          width: 110,
          render: (_: unknown, n) => `${Number(n.health['lagMs'] ?? 0).toFixed(1)} ms`,
        },
        {
          title: t('node.memory'),
          key: 'rss',
          width: 90,
          render: (_: unknown, n) =>
            `${(Number(n.health['rssBytes'] ?? 0) / 2 ** 20).toFixed(0)} MB`,
        },
        {
          title: t('node.heartbeat'),
          dataIndex: 'heartbeatAt',
          width: 110,
          render: (v: string) => new Date(v).toLocaleTimeString(),
        },
      ]}
    />
  );
}
