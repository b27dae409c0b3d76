// "4. 在客户端访问令牌", as written.
import { useSession } from "next-auth/react";

function ProtectedComponent() {
  const { status, data } = useSession();

  if (status === "loading") {
    return <p>加载会话中...</p>;
  }

  if (status === "authenticated") {
    // 访问令牌现在可以通过data?.user?.token获取
    const accessToken = data?.user?.token;
    console.log("访问令牌:", accessToken);

    // 您可以使用此令牌发起受保护的API请求
    // 例如: axios.get('/api/protected', { headers: { Authorization: `Bearer ${accessToken}` } })

    return <p>欢迎,{data?.user?.name}!您已登录。</p>;
  }

  return <p>请登录。</p>;
}

export default ProtectedComponent;
