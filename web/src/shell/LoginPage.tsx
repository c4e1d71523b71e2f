import { Alert, Button, Card, Form, Input, Table, Typography } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { get } from '../api/client.ts';
import { registerTexts } from '../i18n/i18n.ts';
import { useErrorText } from '../shared/errors.ts';
import { useSession } from './session.tsx';

registerTexts('login', {
  'zh-CN': {
    title: '登录客服中心',
    username: '用户名',
    password: '密码',
    submit: '登录',
    demo: '演示账号（密码 {{password}}），点击填入：',
    role: '角色',
    name: '姓名',
  },
  en: {
    title: 'Log in to the contact center',
    username: 'Username',
    password: 'Password',
    submit: 'Log in',
    demo: 'Demo logins (password {{password}}); click one to fill the form:',
    role: 'Role',
    name: 'Name',
  },
});

interface Info {
  demo: boolean;
  demoPassword: string | null;
  demoLogins: { username: string; role: string; displayName: string }[];
}

export function LoginPage() {
  const { t } = useTranslation('login');
  const { login } = useSession();
  const errorText = useErrorText();
  const [form] = Form.useForm<{ username: string; password: string }>();
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const info = useQuery({ queryKey: ['info'], queryFn: () => get<Info>('/api/info') });
  const submit = async (v: { username: string; password: string }) => {
    setBusy(true);
    setError(null);
    try {
      await login(v.username.trim(), v.password);
    } catch (e) {
      setError(errorText(e));
    } finally {
      setBusy(false);
    }
  };
  return (
    <div style={{ maxWidth: 460, margin: '48px auto', padding: 16 }}>
      <Card title={t('title')}>
        <Form form={form} layout="vertical" onFinish={submit} requiredMark={false}>
          <Form.Item name="username" label={t('username')} rules={[{ required: true }]}>
            <Input autoComplete="username" data-testid="login-username" autoFocus />
          </Form.Item>
          <Form.Item name="password" label={t('password')} rules={[{ required: true }]}>
            <Input.Password autoComplete="current-password" data-testid="login-password" />
          </Form.Item>
          {error && <Alert type="error" showIcon message={error} style={{ marginBottom: 16 }} />}
          <Button type="primary" htmlType="submit" block loading={busy} data-testid="login-submit">
            {t('submit')}
          </Button>
        </Form>
      </Card>
      {info.data?.demo && (
        <Card size="small" style={{ marginTop: 16 }}>
          <Typography.Paragraph>
            {t('demo', { password: info.data.demoPassword })}
          </Typography.Paragraph>
          <Table
            size="small"
            pagination={false}
            rowKey="username"
            dataSource={info.data.demoLogins}
            onRow={(r) => ({
              onClick: () =>
                form.setFieldsValue({
                  username: r.username,
                  password: info.data?.demoPassword ?? '',
                }),
              style: { cursor: 'pointer' },
            })}
            columns={[
              { title: t('username'), dataIndex: 'username' },
              { title: t('role'), dataIndex: 'role' },
              { title: t('name'), dataIndex: 'displayName' },
            ]}
          />
        </Card>
      )}
    </div>
  );
}
