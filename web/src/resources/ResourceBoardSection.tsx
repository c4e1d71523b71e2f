import { useQuery } from '@tanstack/react-query';
import { Button, Card, Col, Descriptions, Flex, Row, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { get } from '../api/client.ts';
import { AlarmList } from './AlarmList.tsx';
import { HandOverDialog, type HandOverTarget } from './HandOverDialog.tsx';
import { SeatMap } from './SeatMap.tsx';
import './texts.ts';
import { healthColor, type Board, type PhoneRow, type TrunkHealthRow } from './types.ts';

const cardStyles = { body: { padding: 8 } };
const mb = (n: number) => `${(n / 1024 / 1024).toFixed(0)} MB`;

/**
 * The live resource board: alarms, the seat map, phones (with who holds each), trunks and this
 * node (polled). Only supervisors and admins read it, and they may hand a phone over to an agent.
 */
export function ResourceBoardSection() {
  const { t } = useTranslation('resources');
  const board = useQuery({
    queryKey: ['res-board'],
    queryFn: () => get<Board>('/api/resources/board'),
    refetchInterval: 2000,
  });
  const b = board.data;
  const names = new Map<string, string>();
  for (const p of b?.phones ?? []) if (p.agentId && p.agentName) names.set(p.agentId, p.agentName);
  const seatName = new Map((b?.seats ?? []).map((s) => [s.id, s.name]));
  const state = (s: string) => <Tag color={healthColor[s]}>{t(`state.${s}`)}</Tag>;
  const [handOver, setHandOver] = useState<HandOverTarget | null>(null);
  const phoneTarget = (extension: string): HandOverTarget => {
    const p = b?.phones.find((x) => x.extension === extension);
    return { extension, holderId: p?.agentId ?? null, holderName: p?.agentName ?? null };
  };
  return (
    <Flex vertical gap={8} data-testid="resource-board">
      <Flex justify="space-between">
        <Typography.Title level={5} style={{ margin: 0 }}>
          {t('menu.board')}
        </Typography.Title>
        {b && (
          <Typography.Text type="secondary">
            {t('board.updatedAt', { time: new Date(b.at).toLocaleTimeString() })}
          </Typography.Text>
        )}
      </Flex>
      <Card size="small" title={t('board.alarms')} styles={cardStyles}>
        <AlarmList alarms={b?.alarms ?? []} agentName={(id) => names.get(id) ?? id} />
      </Card>
      <Card size="small" title={t('board.seatMap')} styles={cardStyles}>
        <SeatMap seats={b?.seats ?? []} onHandOver={(ext) => setHandOver(phoneTarget(ext))} />
      </Card>
      <Row gutter={8}>
        <Col span={14}>
          <Card size="small" title={t('board.phones')} styles={cardStyles}>
            <Table<PhoneRow>
              size="small"
              rowKey="extension"
              loading={board.isLoading}
              dataSource={b?.phones}
              pagination={{ pageSize: 10, size: 'small', hideOnSinglePage: true }}
              onRow={(r) => ({ 'data-testid': `board-phone-${r.extension}` }) as never}
              columns={[
                { title: t('phone.extension'), dataIndex: 'extension', width: 100 },
                {
                  title: t('phone.kind'),
                  dataIndex: 'kind',
                  width: 100,
                  render: (k: string) => t(`phone.kind.${k}`),
                },
                {
                  title: t('phone.seat'),
                  dataIndex: 'seatId',
                  width: 80,
                  render: (id: string | null) => (id ? (seatName.get(id) ?? '') : ''),
                },
                { title: t('phone.state'), dataIndex: 'state', width: 110, render: state },
                {
                  title: t('phone.rtt'),
                  dataIndex: 'rttMs',
                  width: 90,
                  render: (v: number | null) => (v === null ? '' : `${v} ms`),
                },
                {
                  title: t('phone.lastSeen'),
                  dataIndex: 'lastSeenAt',
                  render: (v: string | null) => (v ? new Date(v).toLocaleTimeString() : ''),
                },
                {
                  title: t('phone.heldBy'),
                  dataIndex: 'agentName',
                  ellipsis: true,
                  render: (v: string | null) =>
                    v ?? <Typography.Text type="secondary">{t('phone.free')}</Typography.Text>,
                },
                {
                  key: 'handOver',
                  width: 90,
                  render: (_: unknown, r) => (
                    <Button
                      size="small"
                      type="link"
                      onClick={() => setHandOver(phoneTarget(r.extension))}
                      data-testid={`board-handover-${r.extension}`}
                    >
                      {t('handOver.action')}
                    </Button>
                  ),
                },
              ]}
            />
          </Card>
        </Col>
        <Col span={10}>
          <Card size="small" title={t('board.node')} styles={cardStyles}>
            {b && (
              <Descriptions size="small" column={2} data-testid="board-node">
                <Descriptions.Item label={t('node.state')}>{state(b.node.state)}</Descriptions.Item>
                <Descriptions.Item label={t('node.lag')}>
                  {b.node.lagMs.toFixed(1)} ms
                </Descriptions.Item>
                <Descriptions.Item label={t('node.memory')}>
                  {mb(b.node.rssBytes)}
                </Descriptions.Item>
                <Descriptions.Item label={t('node.calls')}>{b.node.openCalls}</Descriptions.Item>
                <Descriptions.Item label={t('node.media')}>
                  {b.node.mediaPacketsPerSecond?.toFixed(0) ?? t('none')}
                </Descriptions.Item>
                <Descriptions.Item label={t('node.loss')}>
                  {b.node.mediaLossRatio === null
                    ? t('none')
                    : `${(b.node.mediaLossRatio * 100).toFixed(2)} %`}
                </Descriptions.Item>
                <Descriptions.Item label={t('node.store')}>
                  {b.node.storeReachable ? t('reachable') : t('unreachable')}
                </Descriptions.Item>
                <Descriptions.Item label={t('node.bus')}>
                  {b.node.busReachable ? t('reachable') : t('unreachable')}
                </Descriptions.Item>
              </Descriptions>
            )}
          </Card>
        </Col>
      </Row>
      <Card size="small" title={t('board.trunks')} styles={cardStyles}>
        <Table<TrunkHealthRow>
          size="small"
          rowKey="name"
          loading={board.isLoading}
          dataSource={b?.trunks}
          pagination={false}
          onRow={(r) => ({ 'data-testid': `board-trunk-${r.name}` }) as never}
          columns={[
            { title: t('trunk.name'), dataIndex: 'name', width: 160 },
            { title: t('phone.state'), dataIndex: 'state', width: 90, render: state },
            {
              title: t('trunk.inUse'),
              key: 'inUse',
              width: 110,
              render: (_: unknown, r) => `${r.inUse} / ${r.limit ?? '∞'}`,
            },
            {
              title: t('phone.rtt'),
              dataIndex: 'rttMs',
              width: 90,
              render: (v: number | null) => (v === null ? '' : `${v} ms`),
            },
            { title: t('trunk.failures'), dataIndex: 'failuresLastHour', width: 120 },
            {
              title: t('trunk.refused'),
              key: 'refused',
              render: (_: unknown, r) => r.refusedInbound + r.refusedOutbound,
            },
          ]}
        />
      </Card>
      <HandOverDialog target={handOver} onClose={() => setHandOver(null)} />
    </Flex>
  );
}
