import { type HunkData, type HunkTokens, markEdits, tokenize } from "react-diff-view";
import { refractor } from "refractor/core";
import bash from "refractor/bash";
import css from "refractor/css";
import diff from "refractor/diff";
import docker from "refractor/docker";
import go from "refractor/go";
import java from "refractor/java";
import json from "refractor/json";
import markdown from "refractor/markdown";
import markup from "refractor/markup";
import python from "refractor/python";
import ruby from "refractor/ruby";
import rust from "refractor/rust";
import sql from "refractor/sql";
import toml from "refractor/toml";
import tsx from "refractor/tsx";
import yaml from "refractor/yaml";

// Only the grammars a repository's patches usually need; tsx brings jsx, typescript and javascript.
for (const grammar of [bash, css, diff, docker, go, java, json, markdown, markup, python, ruby, rust, sql, toml, tsx, yaml]) {
  refractor.register(grammar);
}

const BY_EXTENSION: Record<string, string> = {
  ts: "typescript",
  mts: "typescript",
  cts: "typescript",
  tsx: "tsx",
  js: "javascript",
  mjs: "javascript",
  cjs: "javascript",
  jsx: "jsx",
  json: "json",
  css: "css",
  md: "markdown",
  mdx: "markdown",
  html: "markup",
  svg: "markup",
  xml: "markup",
  yml: "yaml",
  yaml: "yaml",
  toml: "toml",
  sh: "bash",
  bash: "bash",
  sql: "sql",
  py: "python",
  go: "go",
  rs: "rust",
  rb: "ruby",
  java: "java",
  diff: "diff",
  patch: "diff",
};

/** The refractor language of a file, by its name; null when none is registered (shown as plain text). */
export function languageOf(path: string): string | null {
  const name = path.split("/").pop()!.toLowerCase();
  if (name === "dockerfile") return "docker";
  const ext = name.includes(".") ? name.split(".").pop()! : "";
  return BY_EXTENSION[ext] ?? null;
}

// react-diff-view reads refractor 3's answer (an array of nodes); refractor 5 answers a hast root.
const adapter = { highlight: (value: string, language: string) => refractor.highlight(value, language).children };

/** Syntax and in-line edit tokens of a file's hunks; undefined when tokenizing fails (shown untokenized). */
export function tokenizeHunks(hunks: HunkData[], path: string): HunkTokens | undefined {
  const language = languageOf(path);
  try {
    return tokenize(hunks, {
      ...(language ? { highlight: true as const, refractor: adapter, language } : { highlight: false as const }),
      enhancers: [markEdits(hunks, { type: "block" })],
    });
  } catch {
    return undefined;
  }
}
