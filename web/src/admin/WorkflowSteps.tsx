import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { Button, Col, Form, InputNumber, Row, Select, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { ExpressionItem } from './ExpressionItem.tsx';

interface Props {
  /** The filter's index in the form's `filters` list. */
  filter: number;
  queueOptions: { value: string; label: string }[];
}

/**
 * A filter's steps as a compact table: the queue, an optional narrower agent expression, how
 * long the task waits there before the next step (empty on the last) and a priority change.
 */
export function WorkflowSteps({ filter, queueOptions }: Props) {
  const { t } = useTranslation('admin');
  const required = [{ required: true, message: t('required') }];
  const head = (key: string) => (
    <Typography.Text type="secondary" style={{ fontSize: 12 }}>
      {t(key)}
    </Typography.Text>
  );
  return (
    <Form.List name={[filter, 'steps']}>
      {(steps, { add, remove }) => (
        <>
          <Row gutter={8} style={{ marginBottom: 4 }}>
            <Col span={6}>{head('workflow.stepQueue')}</Col>
            <Col span={10}>{head('workflow.stepExpr')}</Col>
            <Col span={4}>{head('workflow.stepTimeout')}</Col>
            <Col span={3}>{head('workflow.stepPriority')}</Col>
          </Row>
          {steps.map((st) => (
            <Row gutter={8} key={st.key} align="top">
              <Col span={6}>
                <Form.Item name={[st.name, 'queueId']} rules={required} style={{ marginBottom: 8 }}>
                  <Select options={queueOptions} aria-label={t('workflow.stepQueue')} />
                </Form.Item>
              </Col>
              <Col span={10}>
                <ExpressionItem
                  name={[st.name, 'expression']}
                  fullName={['filters', filter, 'steps', st.name, 'expression']}
                  marginBottom={8}
                />
              </Col>
              <Col span={4}>
                <Form.Item name={[st.name, 'timeoutSeconds']} style={{ marginBottom: 8 }}>
                  <InputNumber min={1} precision={0} style={{ width: '100%' }} />
                </Form.Item>
              </Col>
              <Col span={3}>
                <Form.Item name={[st.name, 'priority']} style={{ marginBottom: 8 }}>
                  <InputNumber min={0} max={1000} precision={0} style={{ width: '100%' }} />
                </Form.Item>
              </Col>
              <Col span={1}>
                <Button
                  size="small"
                  type="text"
                  icon={<DeleteOutlined />}
                  aria-label={t('workflow.remove')}
                  onClick={() => remove(st.name)}
                  style={{ marginTop: 4 }}
                />
              </Col>
            </Row>
          ))}
          <Button size="small" icon={<PlusOutlined />} onClick={() => add({})}>
            {t('workflow.addStep')}
          </Button>
        </>
      )}
    </Form.List>
  );
}
