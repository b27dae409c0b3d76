"use client";
// (glue) a page around §7.3's "前端 fetch" lines, which the article gives without their component.
import { useRouter } from "next/navigation";
import { useEffect, useState } from "react";

export default function OrdersPage() {
  const router = useRouter();
  const [orders, setOrders] = useState<string>("");
  useEffect(() => {
    (async () => {
      // §7.3, as written.
      const res = await fetch("/api/orders");
      if (res.status === 401) {
        router.push("/auth/signin"); // 自动跳登录
      }
      // (glue)
      else setOrders(JSON.stringify(await res.json()));
    })();
  }, [router]);
  return <pre id="orders">{orders}</pre>;
}
