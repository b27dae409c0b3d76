// (glue) the page the article's role check redirects to; the article does not show it.
export default function Unauthorized() {
  return <h1>Unauthorized</h1>;
}
