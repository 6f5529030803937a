import type { Board as BoardData } from "@/lib/work-items/queries";
import { ItemCard } from "./item-card";
import { StageTypeBadge } from "./stage-type-badge";

/** The read-only board: one column per stage, in order. */
export function Board({ board, now }: { board: BoardData; now: number }) {
  return (
    <div className="flex gap-4 overflow-x-auto pb-4" data-testid="board">
      {board.stages.map((stage) => {
        const items = board.items.filter((i) => i.stageId === stage.id);
        const limit = stage.wipLimit;
        const over = limit !== null && items.length > limit;
        return (
          <section
            key={stage.id}
            aria-label={stage.name}
            data-testid="board-column"
            className="flex w-72 shrink-0 flex-col rounded-xl bg-slate-100/80 p-3"
          >
            <header className="mb-3 space-y-1.5 px-1">
              <div className="flex items-center justify-between gap-2">
                <h2 className="truncate text-sm font-semibold">{stage.name}</h2>
                <span
                  className={`text-xs tabular-nums ${over ? "font-semibold text-rose-600" : "text-slate-500"}`}
                  title={limit !== null ? `WIP limit ${limit}` : undefined}
                  data-testid="column-count"
                >
                  {items.length}
                  {limit !== null ? ` / ${limit}` : ""}
                </span>
              </div>
              <StageTypeBadge type={stage.type} />
            </header>
            <ul className="flex flex-1 flex-col gap-2">
              {items.map((item) => (
                <ItemCard key={item.id} item={item} now={now} />
              ))}
              {items.length === 0 ? <li className="py-6 text-center text-xs text-slate-400">No items</li> : null}
            </ul>
          </section>
        );
      })}
    </div>
  );
}
