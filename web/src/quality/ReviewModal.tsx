import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Descriptions, Input, Modal, Radio, Space, Spin, Tag } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { post } from '../api/client.ts';
import { useReportError } from '../shared/errors.ts';
import { AnswerSheet } from './AnswerSheet.tsx';
import { useFormVersion } from './queries.ts';
import { complete, stateColor, type Answers, type QaEvaluation } from './types.ts';

type Move =
  | { kind: 'acknowledge' }
  | { kind: 'dispute'; comment: string }
  | { kind: 'resolve'; resolution: 'upheld' | 'changed'; comment: string; answers?: Answers };

/**
 * One evaluation on the form version it was scored with. The evaluated agent acknowledges or
 * disputes a submitted one (`as="agent"`); a supervisor resolves a dispute, upholding the score
 * or changing answers (`as="supervisor"`). Comments are required where the server requires them.
 */
export function ReviewModal({
  evaluation: e,
  as,
  onClose,
}: {
  evaluation: QaEvaluation | null;
  as: 'agent' | 'supervisor';
  onClose: () => void;
}) {
  const { t } = useTranslation('quality');
  const { message } = App.useApp();
  const reportError = useReportError();
  const qc = useQueryClient();
  const form = useFormVersion(e?.formId ?? null, e?.formVersion ?? null);
  const [comment, setComment] = useState('');
  const [resolution, setResolution] = useState<'upheld' | 'changed'>('upheld');
  const [answers, setAnswers] = useState<Answers | null>(null);
  const close = () => {
    setComment('');
    setResolution('upheld');
    setAnswers(null);
    onClose();
  };
  const move = useMutation({
    mutationFn: (m: Move) => {
      const { kind, ...body } = m;
      return post<QaEvaluation>(`/api/qa/evaluations/${e?.id ?? ''}/${kind}`, body);
    },
    onSuccess: (r) => {
      void qc.invalidateQueries({ queryKey: ['qa-evaluations'] });
      void message.success(t(`done.${r.state}`));
      close();
    },
    onError: reportError,
  });
  const agentMay = as === 'agent' && e?.state === 'submitted';
  const resolving = as === 'supervisor' && e?.state === 'disputed';
  const shown = resolving && resolution === 'changed' ? (answers ?? e.answers) : (e?.answers ?? {});
  const text = comment.trim();
  const footer = agentMay ? (
    <Space>
      <Button onClick={close}>{t('cancel')}</Button>
      <Button
        danger
        disabled={!text}
        loading={move.isPending}
        onClick={() => move.mutate({ kind: 'dispute', comment: text })}
        data-testid="review-dispute"
      >
        {t('action.dispute')}
      </Button>
      <Button
        type="primary"
        loading={move.isPending}
        onClick={() => move.mutate({ kind: 'acknowledge' })}
        data-testid="review-acknowledge"
      >
        {t('action.acknowledge')}
      </Button>
    </Space>
  ) : resolving ? (
    <Space>
      <Button onClick={close}>{t('cancel')}</Button>
      <Button
        type="primary"
        disabled={!text || (resolution === 'changed' && !(form.data && complete(form.data, shown)))}
        loading={move.isPending}
        onClick={() =>
          move.mutate({
            kind: 'resolve',
            resolution,
            comment: text,
            ...(resolution === 'changed' ? { answers: shown } : {}),
          })
        }
        data-testid="review-resolve"
      >
        {t('action.resolve')}
      </Button>
    </Space>
  ) : (
    <Button onClick={close}>{t('close')}</Button>
  );
  return (
    <Modal open={e !== null} width={760} title={t('review.title')} onCancel={close} footer={footer}>
      {e && (
        <Space orientation="vertical" style={{ width: '100%' }}>
          <Descriptions size="small" column={2}>
            <Descriptions.Item label={t('col.state')}>
              <Tag color={stateColor[e.state]} data-testid="review-state">
                {t(`state.${e.state}`)}
              </Tag>
            </Descriptions.Item>
            <Descriptions.Item label={t('col.form')}>
              {form.data ? `${form.data.name} (v${e.formVersion})` : ''}
            </Descriptions.Item>
            {e.comment && (
              <Descriptions.Item label={t('comment')} span={2}>
                {e.comment}
              </Descriptions.Item>
            )}
            {e.disputeComment && (
              <Descriptions.Item label={t('review.dispute')} span={2}>
                {e.disputeComment}
              </Descriptions.Item>
            )}
            {e.resolution && (
              <Descriptions.Item label={t('review.resolution')} span={2}>
                {t(`resolution.${e.resolution}`)} — {e.resolutionComment}
              </Descriptions.Item>
            )}
          </Descriptions>
          {resolving && (
            <Radio.Group
              value={resolution}
              onChange={(x) => setResolution(x.target.value as 'upheld' | 'changed')}
              data-testid="review-resolution"
              options={[
                { value: 'upheld', label: t('resolution.upheld') },
                { value: 'changed', label: t('resolution.changed') },
              ]}
            />
          )}
          {form.data ? (
            <AnswerSheet
              form={form.data}
              answers={shown}
              {...(resolving && resolution === 'changed' ? { onChange: setAnswers } : {})}
            />
          ) : (
            <Spin />
          )}
          {(agentMay || resolving) && (
            <>
              {agentMay && <Alert type="info" showIcon title={t('review.agentHint')} />}
              <Input.TextArea
                rows={2}
                maxLength={2000}
                placeholder={t(agentMay ? 'review.disputeReason' : 'review.resolutionReason')}
                value={comment}
                onChange={(x) => setComment(x.target.value)}
                data-testid="review-comment"
              />
            </>
          )}
        </Space>
      )}
    </Modal>
  );
}
