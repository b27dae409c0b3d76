// §4 "敏感信息处理": getUserDetails, as the article writes it.
import { prisma } from "@/lib/db"; // (glue) the article's `prisma`, over the glue store

// 敏感信息在需要时从数据库查询
export async function getUserDetails(userId: string) {
  return await prisma.user.findUnique({
    where: { id: userId },
    select: {
      id: true,
      email: true,
      // 不包含敏感字段
    },
  });
}
