import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { App, Button, Card, Checkbox, Form, Input, InputNumber, Modal, Select, Space } from 'antd';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { post, put } from '../api/client.ts';
import { useReportError } from '../shared/errors.ts';
import type { QaForm, QaFormDraft } from './types.ts';

const blankQuestion = { text: '', weight: 1, kind: 'yes_no' as const, autoFail: false };
const blankSection = { title: '', weight: 1, questions: [blankQuestion] };

/**
 * Creates a form or saves an edited one as its next version. Section and question ids travel
 * back unchanged, so answers on older versions still match the same questions.
 */
export function FormEditor({
  open,
  editing,
  onClose,
}: {
  open: boolean;
  editing: QaForm | null;
  onClose: () => void;
}) {
  const { t } = useTranslation('quality');
  const { message } = App.useApp();
  const reportError = useReportError();
  const qc = useQueryClient();
  const [form] = Form.useForm<QaFormDraft>();
  useEffect(() => {
    if (!open) return;
    form.resetFields();
    form.setFieldsValue(
      editing
        ? { name: editing.name, active: editing.active, sections: editing.sections }
        : { name: '', active: true, sections: [blankSection] },
    );
  }, [open, editing, form]);
  const save = useMutation({
    mutationFn: (v: QaFormDraft) =>
      editing ? put<QaForm>(`/api/qa/forms/${editing.id}`, v) : post<QaForm>('/api/qa/forms', v),
    onSuccess: (f) => {
      void qc.invalidateQueries({ queryKey: ['qa-forms'] });
      void message.success(t('done.formSaved', { name: f.name, version: f.version }));
      onClose();
    },
    onError: reportError,
  });
  const required = [{ required: true, whitespace: true, message: t('required') }];
  return (
    <Modal
      open={open}
      width={820}
      title={editing ? t('forms.edit', { name: editing.name }) : t('forms.new')}
      onCancel={onClose}
      okText={t('save')}
      okButtonProps={{ loading: save.isPending, 'data-testid': 'form-save' }}
      onOk={() => form.submit()}
      forceRender
    >
      <Form
        form={form}
        layout="vertical"
        onFinish={(v) =>
          save.mutate({
            ...v,
            sections: v.sections.map((s) => ({
              ...s,
              questions: s.questions.map((q) => ({
                ...q,
                scaleMax: q.kind === 'scale' ? (q.scaleMax ?? 5) : null,
              })),
            })),
          })
        }
      >
        <Space align="start">
          <Form.Item name="name" label={t('forms.name')} rules={required} style={{ width: 420 }}>
            <Input maxLength={200} data-testid="form-name" />
          </Form.Item>
          <Form.Item name="active" label={t('forms.active')} valuePropName="checked">
            <Checkbox />
          </Form.Item>
        </Space>
        <Form.List name="sections">
          {(sections, { add, remove }) => (
            <>
              {sections.map((sec, i) => (
                <Card
                  key={sec.key}
                  size="small"
                  style={{ marginBottom: 8 }}
                  title={
                    <Space>
                      <Form.Item name={[sec.name, 'id']} hidden>
                        <Input />
                      </Form.Item>
                      <Form.Item name={[sec.name, 'title']} rules={required} noStyle>
                        <Input
                          placeholder={t('forms.section')}
                          style={{ width: 320 }}
                          data-testid={`section-title-${i}`}
                        />
                      </Form.Item>
                      {t('weight')}
                      <Form.Item name={[sec.name, 'weight']} rules={[{ required: true }]} noStyle>
                        <InputNumber min={0.01} max={1000} data-testid={`section-weight-${i}`} />
                      </Form.Item>
                    </Space>
                  }
                  extra={
                    sections.length > 1 && (
                      <Button icon={<DeleteOutlined />} onClick={() => remove(sec.name)} />
                    )
                  }
                >
                  <Questions section={sec.name} index={i} />
                </Card>
              ))}
              <Button
                icon={<PlusOutlined />}
                onClick={() => add(blankSection)}
                data-testid="add-section"
              >
                {t('forms.addSection')}
              </Button>
            </>
          )}
        </Form.List>
      </Form>
    </Modal>
  );
}

function Questions({ section, index }: { section: number; index: number }) {
  const { t } = useTranslation('quality');
  return (
    <Form.List name={[section, 'questions']}>
      {(questions, { add, remove }) => (
        <>
          {questions.map((q, j) => (
            <Space key={q.key} align="baseline" wrap style={{ display: 'flex' }}>
              <Form.Item name={[q.name, 'id']} hidden>
                <Input />
              </Form.Item>
              <Form.Item
                name={[q.name, 'text']}
                rules={[{ required: true, whitespace: true, message: t('required') }]}
              >
                <Input
                  placeholder={t('forms.question')}
                  style={{ width: 280 }}
                  data-testid={`question-text-${index}-${j}`}
                />
              </Form.Item>
              <Form.Item name={[q.name, 'weight']} rules={[{ required: true }]}>
                <InputNumber min={0} max={1000} prefix="×" style={{ width: 110 }} />
              </Form.Item>
              <Form.Item name={[q.name, 'kind']}>
                <Select
                  style={{ width: 120 }}
                  data-testid={`question-kind-${index}-${j}`}
                  options={[
                    { value: 'yes_no', label: t('kind.yes_no') },
                    { value: 'scale', label: t('kind.scale') },
                  ]}
                />
              </Form.Item>
              <Form.Item noStyle shouldUpdate>
                {({ getFieldValue }) =>
                  getFieldValue(['sections', section, 'questions', q.name, 'kind']) === 'scale' && (
                    <Form.Item name={[q.name, 'scaleMax']} initialValue={5}>
                      <InputNumber min={1} max={10} prefix="0–" style={{ width: 100 }} />
                    </Form.Item>
                  )
                }
              </Form.Item>
              <Form.Item name={[q.name, 'autoFail']} valuePropName="checked">
                <Checkbox data-testid={`question-autofail-${index}-${j}`}>{t('autoFail')}</Checkbox>
              </Form.Item>
              {questions.length > 1 && (
                <Button size="small" icon={<DeleteOutlined />} onClick={() => remove(q.name)} />
              )}
            </Space>
          ))}
          <Button
            size="small"
            icon={<PlusOutlined />}
            onClick={() => add(blankQuestion)}
            data-testid={`add-question-${index}`}
          >
            {t('forms.addQuestion')}
          </Button>
        </>
      )}
    </Form.List>
  );
}
