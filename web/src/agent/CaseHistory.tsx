import { Tag, Timeline, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { LoggedEvent } from '../api/types.ts';
import { usePersonName } from './people.ts';
import { formatShortTime } from '../shared/format.ts';

const known = new Set([
  'case.created',
  'case.stage_changed',
  'case.dispatched',
  'case.assigned',
  'case.urged',
  'case.note_added',
  'case.reply_recorded',
  'case.contact_linked',
  'case.priority_changed',
  'case.satisfaction_rated',
  'case.callback_requested',
  'case.operator_request_opened',
  'case.operator_request_updated',
  'case.operator_request_finished',
]);

/** What happened to the case, oldest first, from its events. */
export function CaseHistory({ events }: { events: LoggedEvent[] }) {
  const { t, i18n } = useTranslation('agent');
  const { t: tc } = useTranslation();
  const personName = usePersonName();
  return (
    <Timeline
      items={events.map((e) => {
        const p = e.payload as Record<string, unknown>;
        const what = known.has(e.type) ? t(`history.${e.type.slice(5)}`) : e.type;
        return {
          key: e.seq,
          title: e.actorId
            ? `${formatShortTime(e.at, i18n.language)} · ${personName(e.actorId)}`
            : formatShortTime(e.at, i18n.language),
          content: (
            <span>
              {what}
              {e.type === 'case.stage_changed' && (
                <>
                  {' '}
                  <Tag>{tc(`stage.${String(p['from'])}`)}</Tag>→
                  <Tag>{tc(`stage.${String(p['to'])}`)}</Tag>
                </>
              )}
              {e.type.startsWith('case.operator_request_') && (
                <>
                  {' '}
                  {String(p['system']).toUpperCase()} {String(p['requestId'])}{' '}
                  <Tag data-testid="operator-request-status">{String(p['status'])}</Tag>
                </>
              )}
              {e.type === 'case.assigned' && typeof p['assigneeId'] === 'string' && (
                <> → {personName(p['assigneeId'])}</>
              )}
              {typeof p['note'] === 'string' && p['note'] && (
                <Typography.Text type="secondary"> — {p['note']}</Typography.Text>
              )}
            </span>
          ),
        };
      })}
    />
  );
}
