/**
 * A modal form that saves through the API and puts the server's answer where it belongs: a
 * field error next to its field (`details.field`, the `errors` of validation.failed, the
 * expression a routing.invalid_expression quotes), anything else above the form. Routing
 * expressions are checked on the server before saving.
 */
import { Alert, Form, Modal, type FormInstance } from 'antd';
import { useEffect, useRef, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useErrorText } from '../shared/errors.ts';
import { ExpressionErrorContext, type ExpressionError } from './expression-error.ts';
import { checkExpression, namePath, ProblemError } from './problem-api.ts';

type Name = (string | number)[];

export interface FormModalProps<V> {
  open: boolean;
  title: string;
  /** Values the form starts with each time it opens. */
  initial: Partial<V>;
  onClose(): void;
  /** Saves; a rejection is shown in the form and keeps it open. */
  onSubmit(values: V): Promise<unknown>;
  /** Where routing expressions are in the form, to place routing.invalid_expression. */
  expressionFields?: (values: V) => Name[];
  testId: string;
  width?: number;
  children: ReactNode;
}

const same = (a: readonly (string | number)[], b: readonly (string | number)[]) =>
  a.length === b.length && a.every((x, i) => String(x) === String(b[i]));

export function FormModal<V extends object>(p: FormModalProps<V>) {
  const { t } = useTranslation();
  const errorText = useErrorText();
  const [form] = Form.useForm<V>();
  const [busy, setBusy] = useState(false);
  const [topError, setTopError] = useState<string | null>(null);
  const [exprError, setExprError] = useState<ExpressionError | null>(null);
  // The values are taken when the form opens, not on every render of the section behind it.
  const initial = useRef(p.initial);
  initial.current = p.initial;
  const { open } = p;
  useEffect(() => {
    if (!open) return;
    form.resetFields();
    form.setFieldsValue(initial.current as never);
    setTopError(null);
    setExprError(null);
  }, [open, form]);

  const place = (e: unknown, values: V) => {
    const text = errorText(e);
    if (!(e instanceof ProblemError)) return setTopError(text);
    const known = form.getFieldsError().map((f) => f.name);
    // The field a path is about: itself, or the nearest enclosing field the form has
    // (`weekly.mon[0]` belongs to the Monday field).
    const fieldOf = (n: Name): Name | null => {
      for (let len = n.length; len > 0; len--) {
        const k = known.find((x) => same(x, n.slice(0, len)));
        if (k) return n.slice(0, len);
      }
      return null;
    };
    if (e.code === 'routing.invalid_expression') {
      const expression = e.details['expression'];
      const position = e.details['position'];
      const name = (p.expressionFields?.(values) ?? []).find(
        (n) => form.getFieldValue(n as never) === expression,
      );
      if (name && typeof expression === 'string') {
        form.setFields([{ name: name as never, errors: [text] }]);
        setExprError({
          name,
          expression,
          position: typeof position === 'number' ? position : null,
        });
        return;
      }
    }
    const fieldErrors = e.errors.flatMap((x) => {
      const name = fieldOf(namePath(x.path));
      return name ? [{ name, message: x.message }] : [];
    });
    if (fieldErrors.length > 0 && fieldErrors.length === e.errors.length) {
      form.setFields(fieldErrors.map((x) => ({ name: x.name as never, errors: [x.message] })));
      return;
    }
    const field = e.field ? fieldOf(namePath(e.field)) : null;
    if (field) {
      form.setFields([{ name: field as never, errors: [text] }]);
      return;
    }
    setTopError(text);
  };

  const submit = async () => {
    let values: V;
    try {
      values = await form.validateFields();
    } catch {
      return; // the form shows what is missing
    }
    setBusy(true);
    setTopError(null);
    setExprError(null);
    try {
      // Expressions are checked first, so a mistake is shown at its field before anything
      // is saved; the save itself would refuse it the same way.
      for (const name of p.expressionFields?.(values) ?? []) {
        const source: unknown = form.getFieldValue(name as never);
        if (typeof source !== 'string' || source.trim() === '') continue;
        const problem = await checkExpression(source);
        if (problem) throw problem;
      }
      await p.onSubmit(values);
      p.onClose();
    } catch (e) {
      place(e, values);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal
      open={open}
      title={p.title}
      width={p.width ?? 560}
      onCancel={p.onClose}
      onOk={() => void submit()}
      okText={t('save')}
      cancelText={t('cancel')}
      okButtonProps={{ loading: busy, 'data-testid': `${p.testId}-save` }}
      // Always mounted, so the form instance is connected before it first opens.
      forceRender
    >
      {topError && (
        <Alert
          type="error"
          showIcon
          title={topError}
          style={{ marginBottom: 12 }}
          data-testid={`${p.testId}-error`}
        />
      )}
      <ExpressionErrorContext.Provider value={exprError}>
        <Form<V>
          form={form as FormInstance<V>}
          layout="vertical"
          requiredMark={false}
          data-testid={p.testId}
          style={{ maxHeight: '62vh', overflowY: 'auto', paddingRight: 4 }}
        >
          {p.children}
        </Form>
      </ExpressionErrorContext.Provider>
    </Modal>
  );
}
