import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { Button, Card, Col, Form, Input, Row, Select, Switch } from 'antd';
import { useTranslation } from 'react-i18next';
import { ExpressionItem } from './ExpressionItem.tsx';
import { useQueues } from './queries.ts';
import { WorkflowSteps } from './WorkflowSteps.tsx';

export interface WorkflowValues {
  name: string;
  defaultQueueId: string;
  isDefault?: boolean;
  filters?: {
    name: string;
    expression: string;
    steps?: {
      queueId: string;
      expression?: string | null;
      timeoutSeconds?: number | null;
      priority?: number | null;
    }[];
  }[];
}

/** Where each routing expression of a workflow sits in the form. */
export const workflowExpressionFields = (v: WorkflowValues) =>
  (v.filters ?? []).flatMap((f, i) => [
    ['filters', i, 'expression'],
    ...(f.steps ?? []).map((_s, j) => ['filters', i, 'steps', j, 'expression']),
  ]);

/** A workflow: filters over the task, tried in order, each sending it through timed steps. */
export function WorkflowFields({ wasDefault }: { wasDefault: boolean }) {
  const { t } = useTranslation('admin');
  const queues = useQueues();
  const queueOptions = (queues.data ?? []).map((q) => ({ value: q.id, label: q.name }));
  const required = [{ required: true, message: t('required') }];
  return (
    <>
      <Row gutter={12}>
        <Col span={10}>
          <Form.Item name="name" label={t('workflow.name')} rules={required}>
            <Input maxLength={100} />
          </Form.Item>
        </Col>
        <Col span={10}>
          <Form.Item name="defaultQueueId" label={t('workflow.defaultQueue')} rules={required}>
            <Select options={queueOptions} />
          </Form.Item>
        </Col>
        <Col span={4}>
          {/* The default can only be moved by making another workflow the default. */}
          <Form.Item name="isDefault" label={t('workflow.default')} valuePropName="checked">
            <Switch disabled={wasDefault} />
          </Form.Item>
        </Col>
      </Row>
      <Form.List name="filters">
        {(filters, { add, remove }) => (
          <>
            {filters.map((f, i) => (
              <Card
                key={f.key}
                size="small"
                style={{ marginBottom: 8 }}
                title={t('workflow.filter', { n: i + 1 })}
                extra={
                  <Button
                    size="small"
                    type="text"
                    danger
                    icon={<DeleteOutlined />}
                    onClick={() => remove(f.name)}
                  />
                }
              >
                <Row gutter={8}>
                  <Col span={7}>
                    <Form.Item
                      name={[f.name, 'name']}
                      label={t('workflow.filterName')}
                      rules={required}
                    >
                      <Input maxLength={100} />
                    </Form.Item>
                  </Col>
                  <Col span={17}>
                    <ExpressionItem
                      name={[f.name, 'expression']}
                      fullName={['filters', f.name, 'expression']}
                      label={t('workflow.filterExpr')}
                      placeholder={t('workflow.filterHint')}
                      required
                      testId={`workflow-filter-${i}-expression`}
                    />
                  </Col>
                </Row>
                <WorkflowSteps filter={f.name} queueOptions={queueOptions} />
              </Card>
            ))}
            <Button icon={<PlusOutlined />} onClick={() => add({ steps: [{}] })}>
              {t('workflow.addFilter')}
            </Button>
          </>
        )}
      </Form.List>
    </>
  );
}
