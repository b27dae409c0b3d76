// §7.1's usage ("使用时直接包裹页面内容"), as written; the article names no path, so it lives beside §7.2's.
import ProtectedClient from "@/components/ProtectedClient";
export default function DashboardPage() {
return (
<ProtectedClient>
<h1>Dashboard</h1>
</ProtectedClient>
);
}
