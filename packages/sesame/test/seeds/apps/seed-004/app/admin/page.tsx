// (glue) the page behind the article's /admin matcher.
export default function Admin() {
  return <h1>Admin</h1>;
}
