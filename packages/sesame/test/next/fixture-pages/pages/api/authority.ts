// A route whose path begins like the auth API's: the middleware must still guard it.
import type { NextApiRequest, NextApiResponse } from "next";

export default function authority(_req: NextApiRequest, res: NextApiResponse) {
  res.status(200).json({ secret: "only for signed-in users" });
}
