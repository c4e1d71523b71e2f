import { Empty } from 'antd';

/** Being built: see the web app issue. */
export default function AdminPage() {
  return <Empty />;
}
