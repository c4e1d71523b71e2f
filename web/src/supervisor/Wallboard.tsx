import { Badge, Card, Col, Flex, Row, Spin, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { AgentTable } from './AgentTable.tsx';
import { CenterTotals } from './CenterTotals.tsx';
import { QueueChart } from './QueueChart.tsx';
import { QueueTable } from './QueueTable.tsx';
import { StateDonut } from './StateDonut.tsx';
import { TeamTable } from './TeamTable.tsx';
import type { LiveCenter } from './useLiveCenter.ts';
import { AlarmList } from '../resources/AlarmList.tsx';

const cardStyles = { body: { padding: 8 } };

/** The live wallboard: center totals, queues, agent states, teams and agents. */
export function Wallboard({ live }: { live: LiveCenter }) {
  const { t } = useTranslation('supervisor');
  const s = live.snapshot;
  // Snapshots arrive about once a second; three seconds without one means the stream is down.
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(timer);
  }, []);
  if (!s) return <Spin />;
  const fresh = live.receivedAt !== null && now - live.receivedAt < 3_000;
  return (
    <Flex vertical gap={8} data-testid="wallboard">
      <Flex justify="space-between" align="center">
        <Badge status={fresh ? 'processing' : 'error'} text={fresh ? t('live') : t('offline')} />
        <Typography.Text type="secondary" data-testid="wallboard-version" data-version={s.version}>
          {t('updatedAt', { time: new Date(s.at).toLocaleTimeString() })}
        </Typography.Text>
      </Flex>
      {s.alarms.length > 0 && (
        <Card size="small" title={t('alarms')} styles={cardStyles} data-testid="wallboard-alarms">
          <AlarmList
            alarms={s.alarms}
            agentName={(id) => s.agents.find((a) => a.agentId === id)?.name ?? id}
          />
        </Card>
      )}
      <CenterTotals center={s.center} />
      <Row gutter={8}>
        <Col span={16}>
          <Card size="small" title={t('queue.title')} styles={cardStyles}>
            <QueueTable queues={s.queues} />
          </Card>
        </Col>
        <Col span={8}>
          <Flex vertical gap={8}>
            <Card size="small" title={t('chart.queues')} styles={cardStyles}>
              <QueueChart queues={s.queues} />
            </Card>
            <Card size="small" title={t('chart.states')} styles={cardStyles}>
              <StateDonut agents={s.center.agents} />
            </Card>
          </Flex>
        </Col>
      </Row>
      <Row gutter={8}>
        <Col span={16}>
          <Card size="small" title={t('agent.title')} styles={cardStyles}>
            <AgentTable agents={s.agents} />
          </Card>
        </Col>
        <Col span={8}>
          <Card size="small" title={t('team.title')} styles={cardStyles}>
            <TeamTable teams={s.teams} />
          </Card>
        </Col>
      </Row>
    </Flex>
  );
}
