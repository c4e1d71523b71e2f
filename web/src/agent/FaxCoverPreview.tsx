import { Modal } from 'antd';
import { useEffect, useState, type RefObject } from 'react';
import { useTranslation } from 'react-i18next';
import { formatDateTime } from '../shared/format.ts';
import { drawFaxCover } from './fax-cover.ts';

/** The cover page as it will be faxed, redrawn as the agent types; a click shows it large. */
export function FaxCoverPreview({
  canvasRef,
  to,
  from,
  body,
}: {
  canvasRef: RefObject<HTMLCanvasElement | null>;
  to: string;
  from: string;
  body: string;
}) {
  const { t, i18n } = useTranslation('agent');
  const title = t('composer.faxTitle');
  const labels = [t('composer.faxTo'), t('composer.faxFrom'), t('composer.faxDate')];
  const date = formatDateTime(new Date().toISOString(), i18n.language);
  const [large, setLarge] = useState<string | null>(null);
  useEffect(() => {
    if (!canvasRef.current) return;
    drawFaxCover(canvasRef.current, {
      title,
      fields: [
        [labels[0]!, to],
        [labels[1]!, from],
        [labels[2]!, date],
      ],
      body,
    });
    // The labels change with `title` (one language switch changes all of them).
  }, [canvasRef, title, to, from, date, body]);
  return (
    <>
      <canvas
        ref={canvasRef}
        data-testid="fax-cover"
        title={t('composer.faxCover')}
        onClick={() => setLarge(canvasRef.current?.toDataURL() ?? null)}
        style={{ width: 120, border: '1px solid #d9d9d9', display: 'block', cursor: 'zoom-in' }}
      />
      <Modal
        open={large !== null}
        title={t('composer.faxCover')}
        footer={null}
        width={640}
        onCancel={() => setLarge(null)}
      >
        {large && (
          <img
            src={large}
            alt={t('composer.faxCover')}
            data-testid="fax-cover-large"
            style={{ width: '100%', border: '1px solid #d9d9d9' }}
          />
        )}
      </Modal>
    </>
  );
}
