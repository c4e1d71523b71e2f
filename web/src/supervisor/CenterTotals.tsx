import { Card, Col, Row, Statistic } from 'antd';
import { useTranslation } from 'react-i18next';
import { percent } from './format.ts';
import type { Realtime } from './types.ts';

/** The center's headline figures for today, one card each. */
export function CenterTotals({ center }: { center: Realtime['center'] }) {
  const { t } = useTranslation('supervisor');
  const loggedIn =
    center.agents.available + center.agents.busy + center.agents.away + center.agents.wrapup;
  const cards: { key: string; value: number | string; color?: string }[] = [
    { key: 'waiting', value: center.waiting, color: center.waiting > 0 ? '#cf1322' : undefined },
    { key: 'offered', value: center.offered },
    { key: 'answered', value: center.answered },
    { key: 'abandoned', value: center.abandoned },
    { key: 'serviceLevel', value: percent(center.serviceLevelPercent) },
    { key: 'agents', value: loggedIn },
  ];
  return (
    <Row gutter={[8, 8]}>
      {cards.map((c) => (
        <Col span={4} key={c.key}>
          <Card
            size="small"
            data-testid={`total-${c.key}`}
            styles={{ body: { padding: '6px 12px' } }}
          >
            <Statistic
              title={t(`total.${c.key}`)}
              value={c.value}
              styles={{ title: { marginBottom: 0 }, content: { color: c.color, fontSize: 20 } }}
            />
          </Card>
        </Col>
      ))}
    </Row>
  );
}
