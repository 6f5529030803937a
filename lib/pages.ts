import "server-only";
import { notFound } from "next/navigation";
import { NotFound } from "./errors";

/** Awaits a page's data; an object the actor cannot see (or that is missing) becomes the 404 page. */
export async function orNotFound<T>(load: Promise<T>): Promise<T> {
  try {
    return await load;
  } catch (err) {
    if (err instanceof NotFound) notFound();
    throw err;
  }
}
