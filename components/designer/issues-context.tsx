"use client";
import { createContext, useContext } from "react";
import { type IssueIndex, indexIssues } from "./issues";

const IssuesContext = createContext<IssueIndex>(indexIssues([]));

/** The live validation issues (and the server's, after a refused save), indexed. */
export const IssuesProvider = IssuesContext.Provider;

export function useIssues(): IssueIndex {
  return useContext(IssuesContext);
}
