// (glue) the home page.
export default function Home() {
  return <h1>Home</h1>;
}
