// (glue) a page for §4's component.
import ProtectedComponent from "../components/ProtectedComponent";

export default function Home() {
  return <ProtectedComponent />;
}
