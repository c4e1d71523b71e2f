import { Button, Card, Empty, Flex, Tag, Tooltip, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { stateColor } from '../agent/colors.ts';
import './texts.ts';
import { healthColor, type SeatCell } from './types.ts';

/**
 * The floor as supervisors picture it: one block per zone (and floor), a tile per seat with the
 * agent sitting there (logged in with the seat's phone), their state, and the phone's health.
 * With `onHandOver`, a seat with a phone offers to hand its (first) phone over to another agent.
 */
export function SeatMap({
  seats,
  onHandOver,
}: {
  seats: readonly SeatCell[];
  onHandOver?: (extension: string) => void;
}) {
  const { t } = useTranslation('resources');
  if (seats.length === 0) return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} />;
  const zones = new Map<string, SeatCell[]>();
  for (const s of seats) {
    const k = s.floor ? `${s.floor} · ${s.zone}` : s.zone;
    zones.set(k, [...(zones.get(k) ?? []), s]);
  }
  return (
    <Flex vertical gap={8} data-testid="seat-map">
      {[...zones].map(([zone, list]) => (
        <div key={zone} data-testid={`seat-zone-${zone}`}>
          <Typography.Text strong>{zone}</Typography.Text>
          <Flex wrap gap={8} style={{ marginTop: 4 }}>
            {list.map((s) => {
              const color = s.agent ? stateColor[s.agent.state] : undefined;
              return (
                <Card
                  key={s.id}
                  size="small"
                  data-testid={`seat-${s.name}`}
                  data-agent-state={s.agent?.state ?? 'empty'}
                  style={{
                    width: 150,
                    borderTop: `4px solid ${s.agent ? cssColor(color) : '#d9d9d9'}`,
                  }}
                  styles={{ body: { padding: 8 } }}
                >
                  <Flex vertical gap={2}>
                    <Typography.Text strong>{s.name}</Typography.Text>
                    {s.agent ? (
                      <>
                        <Typography.Text ellipsis>{s.agent.name}</Typography.Text>
                        <Tag color={color} style={{ marginInlineEnd: 0, width: 'fit-content' }}>
                          {t(`agentState.${s.agent.state}`)}
                        </Tag>
                      </>
                    ) : (
                      <Typography.Text type="secondary">{t('seat.empty')}</Typography.Text>
                    )}
                    {s.extensions.length === 0 ? (
                      <Typography.Text type="secondary">{t('seat.noPhone')}</Typography.Text>
                    ) : (
                      <Tooltip
                        title={
                          s.agent
                            ? t('seat.phoneHeldBy', {
                                extensions: s.extensions.join(', '),
                                agent: s.agent.name,
                              })
                            : s.extensions.join(', ')
                        }
                      >
                        <Tag
                          color={healthColor[s.phoneState ?? 'unregistered']}
                          style={{ width: 'fit-content' }}
                        >
                          ☎ {s.extensions[0]} · {t(`state.${s.phoneState ?? 'unregistered'}`)}
                        </Tag>
                      </Tooltip>
                    )}
                    {onHandOver && s.extensions[0] && (
                      <Button
                        size="small"
                        type="link"
                        style={{ padding: 0, width: 'fit-content' }}
                        onClick={() => onHandOver(s.extensions[0]!)}
                        data-testid={`seat-handover-${s.name}`}
                      >
                        {t('handOver.action')}
                      </Button>
                    )}
                  </Flex>
                </Card>
              );
            })}
          </Flex>
        </div>
      ))}
    </Flex>
  );
}

/** Ant Design's preset tag colours as CSS colours for the tile's top edge. */
function cssColor(tag: string | undefined): string {
  const map: Record<string, string> = {
    green: '#52c41a',
    blue: '#1677ff',
    orange: '#fa8c16',
    purple: '#722ed1',
    gold: '#faad14',
  };
  return (tag && map[tag]) ?? '#bfbfbf';
}
