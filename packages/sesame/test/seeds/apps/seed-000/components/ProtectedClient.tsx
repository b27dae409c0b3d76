"use client";
import { useSession } from "next-auth/react";
import { useRouter } from "next/navigation";
import { useEffect } from "react";
export default function ProtectedClient({ children }: { children: React.ReactNode }) {
const { data: session, status } = useSession();
const router = useRouter();
useEffect(() => {
if (status === "unauthenticated") {
router.push("/auth/signin"); // 未登录 → 跳转登录
}
}, [status, router]);
if (status === "loading") {
return <p>Loading...</p>; // 页面加载中
}
if (status === "authenticated") {
return <>{children}</>; // 已登录 → 渲染内容
}
return null;
}
