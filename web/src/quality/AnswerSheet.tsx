import { Card, Radio, Space, Statistic, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { scoreEvaluation } from '../../../src/contracts/quality.ts';
import type { Answer, Answers, QaForm } from './types.ts';

/**
 * A form's questions with their answers, and the score they give (computed by the same rule the
 * server applies). Read-only when `onChange` is absent.
 */
export function AnswerSheet({
  form,
  answers,
  onChange,
}: {
  form: QaForm;
  answers: Answers;
  onChange?: (a: Answers) => void;
}) {
  const { t } = useTranslation('quality');
  const s = scoreEvaluation(form, answers);
  const set = (id: string, a: Answer) => onChange?.({ ...answers, [id]: a });
  return (
    <Space orientation="vertical" style={{ width: '100%' }}>
      <Space size="large" align="center">
        <span data-testid="qa-score">
          <Statistic
            title={t('score')}
            value={s.score === null ? '—' : s.score.toFixed(2)}
            styles={{ content: { color: s.autoFailed ? '#cf1322' : undefined } }}
          />
        </span>
        {s.autoFailed && <Tag color="red">{t('autoFailed')}</Tag>}
      </Space>
      {form.sections.map((sec, i) => (
        <Card
          key={sec.id}
          size="small"
          title={`${sec.title} (${t('weight')} ${sec.weight})`}
          extra={s.sections[i]?.score ?? '—'}
        >
          {sec.questions.map((q, j) => (
            <div key={q.id} style={{ marginBottom: 8 }}>
              <Typography.Text>
                {q.text} <Typography.Text type="secondary">×{q.weight}</Typography.Text>
                {q.autoFail && (
                  <Tag color="red" style={{ marginLeft: 8 }}>
                    {t('autoFail')}
                  </Tag>
                )}
              </Typography.Text>
              <div>
                <Radio.Group
                  size="small"
                  optionType="button"
                  disabled={!onChange}
                  value={answers[q.id]}
                  onChange={(e) => set(q.id, e.target.value as Answer)}
                  data-testid={`answer-${i}-${j}`}
                  options={[
                    ...(q.kind === 'yes_no'
                      ? [
                          { value: 'yes', label: t('yes') },
                          { value: 'no', label: t('no') },
                        ]
                      : Array.from({ length: (q.scaleMax ?? 0) + 1 }, (_, k) => ({
                          value: k,
                          label: String(k),
                        }))),
                    { value: 'na', label: t('na') },
                  ]}
                />
              </div>
            </div>
          ))}
        </Card>
      ))}
    </Space>
  );
}
