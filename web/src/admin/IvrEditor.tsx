import { Alert, Button, Col, Flex, Input, Row, Typography } from 'antd';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useErrorText } from '../shared/errors.ts';
import { flowGraph } from './ivr-graph.ts';
import { IvrGraph } from './IvrGraph.tsx';
import { post, ProblemError, type FieldProblem } from './problem-api.ts';

interface Props {
  /** The document as loaded (or a template for a new flow). */
  initialText: string;
  /** Publishes the parsed document; rejects with the server's problem. */
  onPublish(doc: Record<string, unknown>): Promise<unknown>;
}

type Parsed = { doc: Record<string, unknown>; error: null } | { doc: null; error: string };

function parse(text: string): Parsed {
  try {
    const doc: unknown = JSON.parse(text);
    if (typeof doc !== 'object' || doc === null || Array.isArray(doc))
      return { doc: null, error: 'not an object' };
    return { doc: doc as Record<string, unknown>, error: null };
  } catch (e) {
    return { doc: null, error: e instanceof Error ? e.message : String(e) };
  }
}

/**
 * The JSON of a flow next to its graph. The graph follows the text as it is typed (as far as
 * it parses); publishing checks it on the server first, then publishes it with
 * `PUT /api/ivr-flows/{id}`; problems are listed with their paths and the nodes concerned
 * outlined in the graph.
 */
export function IvrEditor({ initialText, onPublish }: Props) {
  const { t } = useTranslation('admin');
  const errorText = useErrorText();
  const [text, setText] = useState(initialText);
  const [busy, setBusy] = useState(false);
  const [problems, setProblems] = useState<FieldProblem[]>([]);
  const [failure, setFailure] = useState<string | null>(null);
  const parsed = useMemo(() => parse(text), [text]);
  // Keep drawing the last document that parsed while the text is mid-edit.
  const [lastGood, setLastGood] = useState(() => parse(initialText).doc);
  if (parsed.doc && parsed.doc !== lastGood) setLastGood(parsed.doc);
  const graph = useMemo(() => flowGraph(lastGood), [lastGood]);
  const problemNodes = useMemo(
    () =>
      new Set(
        problems.flatMap((p) => {
          const m = /^nodes\.([^.[]+)/.exec(p.path);
          return m?.[1] ? [m[1]] : [];
        }),
      ),
    [problems],
  );
  const publish = async () => {
    if (!parsed.doc) return;
    setBusy(true);
    setProblems([]);
    setFailure(null);
    try {
      // Checked first (a 200 either way), so problems are listed without a refused request.
      const check = await post<{ ok: boolean; problems: FieldProblem[] }>(
        '/api/ivr-flows/check',
        parsed.doc,
      );
      if (!check.ok) {
        setFailure(t('ivr.problems'));
        setProblems(check.problems);
        return;
      }
      await onPublish(parsed.doc);
    } catch (e) {
      setFailure(errorText(e));
      const list = e instanceof ProblemError ? e.details['problems'] : undefined;
      if (Array.isArray(list)) setProblems(list as FieldProblem[]);
    } finally {
      setBusy(false);
    }
  };
  return (
    <Row gutter={8}>
      <Col span={11}>
        <Flex vertical gap={8}>
          <Input.TextArea
            value={text}
            onChange={(e) => setText(e.target.value)}
            spellCheck={false}
            rows={18}
            style={{ fontFamily: 'monospace', fontSize: 12 }}
            status={parsed.error ? 'error' : undefined}
            data-testid="ivr-json"
          />
          {parsed.error && (
            <Typography.Text type="danger" data-testid="ivr-parse-error">
              {t('ivr.parseError', { message: parsed.error })}
            </Typography.Text>
          )}
          {failure && (
            <Alert
              type="error"
              showIcon
              data-testid="ivr-problems"
              title={problems.length > 0 ? t('ivr.problems') : failure}
              description={
                problems.length > 0 ? (
                  <ul style={{ margin: 0, paddingLeft: 18, maxHeight: 120, overflowY: 'auto' }}>
                    {problems.map((p, i) => (
                      <li key={i}>
                        <Typography.Text code>{p.path || '/'}</Typography.Text> {p.message}
                      </li>
                    ))}
                  </ul>
                ) : undefined
              }
            />
          )}
          <Button
            type="primary"
            onClick={() => void publish()}
            loading={busy}
            disabled={!parsed.doc}
            data-testid="ivr-publish"
          >
            {t('ivr.publish')}
          </Button>
        </Flex>
      </Col>
      <Col span={13}>
        <IvrGraph graph={graph} problemNodes={problemNodes} />
      </Col>
    </Row>
  );
}
