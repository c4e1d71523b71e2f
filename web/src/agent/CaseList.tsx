import { Empty, Segmented, Spin, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSession } from '../shell/session.tsx';
import type { Selection } from './agent-types.ts';
import { openStages, type Stage } from './case-rules.ts';
import { stageColor } from './colors.ts';
import { useCaseList, type CaseScope } from './queries.ts';
import { useNow } from './time.ts';

/**
 * My cases: assigned to me, or every case I may see (my team's; for back office, those
 * dispatched to their team), or the overdue ones. The dot turns amber in the last hour of the
 * stage's SLA and red once it is past.
 */
export function CaseList({
  selection,
  onSelect,
}: {
  selection: Selection | null;
  onSelect: (s: Selection) => void;
}) {
  const { t } = useTranslation('agent');
  const { t: tc } = useTranslation();
  const { user } = useSession();
  const [scope, setScope] = useState<CaseScope>(user?.role === 'backoffice' ? 'visible' : 'mine');
  const list = useCaseList(scope);
  const now = useNow(30_000);
  const items = (list.data?.items ?? []).filter(
    (c) => scope === 'overdue' || openStages.includes(c.stage as Stage),
  );
  const dot = (due: string | null) => {
    if (!due) return '#d9d9d9';
    const left = Date.parse(due) - now;
    return left < 0 ? '#ff4d4f' : left < 3_600_000 ? '#faad14' : '#52c41a';
  };
  return (
    <div style={{ display: 'flex', flexDirection: 'column', gap: 6, minHeight: 0 }}>
      <Segmented
        size="small"
        block
        value={scope}
        onChange={(v) => setScope(v as CaseScope)}
        options={[
          { value: 'mine', label: t('cases.mine') },
          {
            value: 'visible',
            label: user?.role === 'backoffice' ? t('cases.dispatchedToUs') : t('cases.team'),
          },
          { value: 'overdue', label: t('cases.overdue') },
        ]}
        data-testid="case-scope"
      />
      {list.isLoading && <Spin />}
      {!list.isLoading && items.length === 0 && (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('cases.none')} />
      )}
      <div data-testid="case-list">
        {items.map((c) => {
          const selected = selection?.kind === 'case' && selection.caseId === c.id;
          return (
            <div
              key={c.id}
              role="button"
              tabIndex={0}
              onClick={() => onSelect({ kind: 'case', caseId: c.id })}
              onKeyDown={(e) => e.key === 'Enter' && onSelect({ kind: 'case', caseId: c.id })}
              data-testid="case-item"
              data-number={c.number}
              style={{
                padding: '6px 8px',
                cursor: 'pointer',
                borderRadius: 4,
                background: selected ? '#e6f4ff' : undefined,
              }}
            >
              <div style={{ display: 'flex', alignItems: 'center', gap: 6 }}>
                <span
                  title={t('cases.slaDot')}
                  style={{ width: 8, height: 8, borderRadius: 4, background: dot(c.stageDueAt) }}
                />
                <Typography.Text style={{ fontSize: 12 }} type="secondary">
                  {c.number}
                </Typography.Text>
                <span style={{ flex: 1 }} />
                <Tag color={stageColor[c.stage]} style={{ marginInlineEnd: 0 }}>
                  {tc(`stage.${c.stage}`)}
                </Tag>
              </div>
              <Typography.Text ellipsis style={{ display: 'block' }} title={c.title}>
                {c.title}
              </Typography.Text>
            </div>
          );
        })}
      </div>
    </div>
  );
}
