import { openApiDocument } from "@/lib/api/openapi";

// Public on purpose: it describes the API, not anyone's data.
export const dynamic = "force-static";

export function GET() {
  return Response.json(openApiDocument());
}
