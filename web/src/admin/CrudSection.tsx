import { PlusOutlined } from '@ant-design/icons';
import { Button, Card, Popconfirm, Space, Table, Typography } from 'antd';
import type { ColumnsType, TableProps } from 'antd/es/table';
import type { HTMLAttributes, Key, ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useReportError } from '../shared/errors.ts';

export interface CrudSectionProps<T> {
  testId: string;
  title: string;
  description?: ReactNode;
  rows: T[] | undefined;
  loading: boolean;
  rowKey: (row: T) => Key;
  columns: ColumnsType<T>;
  onCreate?: () => void;
  onEdit?: (row: T) => void;
  onDelete?: (row: T) => Promise<unknown>;
  /** More buttons per row, before edit and delete. */
  rowActions?: (row: T) => ReactNode;
  toolbar?: ReactNode;
  pageSize?: number;
  /** Passed to the table as they are (e.g. which tree rows are expanded). */
  tableProps?: Partial<TableProps<T>>;
}

/** The list every admin section shares: a title, a create button, rows with edit and delete. */
export function CrudSection<T extends object>(p: CrudSectionProps<T>) {
  const { t } = useTranslation();
  const { t: ta } = useTranslation('admin');
  const reportError = useReportError();
  const hasActions = Boolean(p.onEdit || p.onDelete || p.rowActions);
  const columns: ColumnsType<T> = hasActions
    ? [
        ...p.columns,
        {
          title: ta('actions'),
          key: 'actions',
          width: 150,
          render: (_: unknown, row: T) => (
            <Space size={4}>
              {p.rowActions?.(row)}
              {p.onEdit && (
                <Button
                  size="small"
                  type="link"
                  onClick={() => p.onEdit?.(row)}
                  data-testid={`${p.testId}-edit-${String(p.rowKey(row))}`}
                >
                  {t('edit')}
                </Button>
              )}
              {p.onDelete && (
                <Popconfirm
                  title={ta('confirmDelete')}
                  okText={t('delete')}
                  cancelText={t('cancel')}
                  onConfirm={() => p.onDelete?.(row).catch(reportError)}
                >
                  <Button size="small" type="link" danger>
                    {t('delete')}
                  </Button>
                </Popconfirm>
              )}
            </Space>
          ),
        },
      ]
    : p.columns;
  return (
    <Card
      size="small"
      title={p.title}
      data-testid={`section-${p.testId}`}
      extra={
        <Space>
          {p.toolbar}
          {p.onCreate && (
            <Button
              type="primary"
              size="small"
              icon={<PlusOutlined />}
              onClick={p.onCreate}
              data-testid={`${p.testId}-create`}
            >
              {t('create')}
            </Button>
          )}
        </Space>
      }
    >
      {p.description && (
        <Typography.Paragraph type="secondary" style={{ marginBottom: 8 }}>
          {p.description}
        </Typography.Paragraph>
      )}
      <Table<T>
        size="small"
        rowKey={p.rowKey}
        dataSource={p.rows}
        loading={p.loading}
        columns={columns}
        pagination={{ pageSize: p.pageSize ?? 12, size: 'small', hideOnSinglePage: true }}
        {...p.tableProps}
        onRow={(row) =>
          ({
            'data-testid': `${p.testId}-row-${String(p.rowKey(row))}`,
          }) as HTMLAttributes<HTMLElement>
        }
      />
    </Card>
  );
}
