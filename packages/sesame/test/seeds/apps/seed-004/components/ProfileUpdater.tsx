// §5 "限制 3" 解决方案 1：客户端手动刷新, as the article writes it.
"use client";

import { useSession } from "next-auth/react";

export function ProfileUpdater() {
  const { update } = useSession();

  async function updateProfile() {
    // 更新用户信息
    await fetch("/api/user/update", {
      method: "POST",
      body: JSON.stringify({ name: "New Name" }),
    });

    // 刷新 session
    await update();
  }

  return <button onClick={updateProfile}>更新</button>;
}
