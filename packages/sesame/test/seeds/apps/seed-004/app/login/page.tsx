// (glue) the page the article's middlewares redirect to; the article does not show it.
export default function Login() {
  return <h1>Login</h1>;
}
