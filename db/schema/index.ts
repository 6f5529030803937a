export * from "./auth";
export * from "./workflows";
export * from "./work-items";
export * from "./audit";
export * from "./runs";
export * from "./agents";
export * from "./agent-catalog";
