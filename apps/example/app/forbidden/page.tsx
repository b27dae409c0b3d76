export default function Forbidden() {
  return (
    <>
      <h1 id="forbidden">Not for you</h1>
      <p>This area is for administrators. Sign in as alice to see it.</p>
    </>
  );
}
