import { Form, Input, Typography } from 'antd';
import { useContext } from 'react';
import { useTranslation } from 'react-i18next';
import { ExpressionErrorContext } from './expression-error.ts';

interface Props {
  /** The name inside the enclosing Form.List (or the form), as Form.Item takes it. */
  name: (string | number)[] | string;
  /** The whole name path in the form, to match the server's error to this field. */
  fullName: (string | number)[];
  label?: string;
  placeholder?: string;
  /** Space under the field (tighter in lists). */
  marginBottom?: number;
  required?: boolean;
  testId?: string;
}

/**
 * A routing expression field (monospace) that, when the server refused this very expression,
 * shows under the message where it broke: the text with the character at the error marked.
 */
export function ExpressionItem(p: Props) {
  const { name, fullName, label, placeholder, required, testId } = p;
  const { t } = useTranslation('admin');
  const err = useContext(ExpressionErrorContext);
  const form = Form.useFormInstance();
  const value: unknown = Form.useWatch(fullName, form);
  const mine =
    err !== null &&
    err.position !== null &&
    err.name.length === fullName.length &&
    err.name.every((x, i) => String(x) === String(fullName[i])) &&
    value === err.expression;
  const pos = mine && err.position !== null ? Math.min(err.position, err.expression.length) : 0;
  return (
    <Form.Item
      name={name}
      label={label}
      style={p.marginBottom === undefined ? undefined : { marginBottom: p.marginBottom }}
      rules={required ? [{ required: true, message: t('required') }] : []}
      extra={
        mine ? (
          <div
            data-testid="expression-error"
            style={{ fontFamily: 'monospace', whiteSpace: 'pre-wrap' }}
          >
            <Typography.Text type="secondary">
              {t('expr.position', { position: pos })}{' '}
            </Typography.Text>
            {err.expression.slice(0, pos)}
            <mark style={{ background: '#ffccc7', color: '#a8071a', padding: 0 }}>
              {err.expression.slice(pos, pos + 1) || ' '}
            </mark>
            {err.expression.slice(pos + 1)}
          </div>
        ) : undefined
      }
    >
      <Input.TextArea
        autoSize={{ minRows: 1, maxRows: 4 }}
        placeholder={placeholder}
        spellCheck={false}
        style={{ fontFamily: 'monospace' }}
        data-testid={testId}
      />
    </Form.Item>
  );
}
