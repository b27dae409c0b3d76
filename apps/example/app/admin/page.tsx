// The admin area. `proxy.ts` lets only `role: "admin"` through; the page checks again, as pages should.
import { redirect } from "next/navigation";
import { auth } from "../../auth";
import { storage } from "../../lib/storage";

export const dynamic = "force-dynamic";

export default async function Admin() {
  const session = await auth();
  if (session?.user?.role !== "admin") redirect("/forbidden");
  const users = await storage().db.selectFrom("sesame_users").select(["id", "name", "email"]).orderBy("email").execute();
  return (
    <>
      <h1 id="admin">Admin</h1>
      <p>Users in the database:</p>
      <table>
        <thead>
          <tr>
            <th>id</th>
            <th>name</th>
            <th>email</th>
          </tr>
        </thead>
        <tbody>
          {users.map((user) => (
            <tr key={user.id}>
              <td>{user.id}</td>
              <td>{user.name}</td>
              <td>{user.email}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </>
  );
}
