// §5 "限制 3" 解决方案 3：混合策略, as the article writes it.
import { auth } from "@/auth"; // (glue) the article's block does not show its imports
import { getUserLatestInfo } from "@/lib/db"; // (glue) likewise

// 关键信息使用 JWT
// 非关键信息实时查询
export async function getSession() {
  const session = await auth();

  if (session) {
    // 实时查询最新信息
    const latestInfo = await getUserLatestInfo(session.user.id);
    return { ...session, user: { ...session.user, ...latestInfo } };
  }

  return null;
}
